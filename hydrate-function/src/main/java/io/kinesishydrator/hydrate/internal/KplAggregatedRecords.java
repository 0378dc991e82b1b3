package io.kinesishydrator.hydrate.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * Splits a Kinesis record that the Kinesis Producer Library wrote with aggregation on into the user records it
 * packs, so a dead-letter message can show what the producer sent rather than an opaque protobuf blob.
 *
 * <p>The format is the KPL's: the magic bytes {@code F3 89 9A C2}, a protobuf {@code AggregatedRecord}, then the
 * MD5 digest of the protobuf bytes. It is decoded here by hand, with no library, because the only deaggregator
 * on Maven Central, {@code com.amazonaws:amazon-kinesis-deaggregator} 1.0.3 (2017), pulls in KCL 1.8 with the AWS
 * SDK v1, protobuf-java 2.6 and Guava 18 (13 MB in 23 jars) and takes Lambda event records, not the SDK v2 records
 * this function reads; the KCL's own {@code AggregatorUtil} ({@code amazon-kinesis-client} 3.x) brings 74 MB.
 * That is a lot of cold start for three fields of varints and length-delimited bytes.
 *
 * <p>A record counts as an aggregate only when all of it checks out: the magic bytes, at least one protobuf
 * byte, the digest, a protobuf that parses with its required fields, and key indexes inside their tables.
 * Anything less is not an aggregate and {@link #deaggregate} returns no user records, so the caller keeps the
 * Kinesis record whole, as the KCL does. Two differences from the KCL, because a dead-letter queue wants every
 * byte that was written: a key index out of range keeps the record whole, where the KCL keeps the user records
 * before it and loses the rest, and no user record is dropped for hashing outside the shard's range.
 */
final class KplAggregatedRecords {
    private static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final int DIGEST_BYTES = 16;

    private KplAggregatedRecords() {
    }

    /**
     * The user records packed in {@code data}, in the order the producer added them, or an empty list when
     * {@code data} is not an aggregate and the Kinesis record stands for itself. A well-formed aggregate with no
     * user records also gives an empty list: kept whole, its bytes still reach the dead-letter queue.
     */
    static List<UserRecord> deaggregate(byte[] data) {
        if (!framed(data)) {
            return List.of();
        }
        try {
            return AggregateParser.parse(new ProtoReader(data, MAGIC.length, data.length - DIGEST_BYTES));
        } catch (NotAnAggregate malformed) {
            return List.of();
        }
    }

    /** The same length rule as the KCL's: magic, digest, and at least one protobuf byte between them. */
    private static boolean framed(byte[] data) {
        if (data == null || data.length <= MAGIC.length + DIGEST_BYTES
                || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return false;
        }
        int digestStart = data.length - DIGEST_BYTES;
        MessageDigest md5 = md5();
        md5.update(data, MAGIC.length, digestStart - MAGIC.length);
        return MessageDigest.isEqual(md5.digest(), Arrays.copyOfRange(data, digestStart, data.length));
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform must provide MD5", impossible);
        }
    }

    /**
     * One record a producer handed to the KPL.
     *
     * @param subSequenceNumber its index within the aggregate, the number the KCL gives it next to the Kinesis
     *                          record's sequence number
     * @param explicitHashKey   the hash key the producer chose instead of hashing the partition key, or
     *                          {@code null} when it chose none
     * @param data              its bytes; a copy, so the record stays immutable
     */
    public record UserRecord(long subSequenceNumber, String partitionKey, String explicitHashKey, byte[] data) {

        public UserRecord {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof UserRecord that && subSequenceNumber == that.subSequenceNumber
                    && Objects.equals(partitionKey, that.partitionKey) && Objects.equals(explicitHashKey, that.explicitHashKey)
                    && Arrays.equals(data, that.data);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hash(subSequenceNumber, partitionKey, explicitHashKey) + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "UserRecord[subSequenceNumber=" + subSequenceNumber + ", partitionKey=" + partitionKey
                    + ", explicitHashKey=" + explicitHashKey + ", data=" + data.length + " bytes]";
        }
    }

    /** Reads the KPL's messages; field numbers and wire types are those of its {@code messages.proto}. */
    private static final class AggregateParser {
        private static final int PARTITION_KEY_TABLE = tag(1, ProtoReader.LENGTH_DELIMITED);
        private static final int EXPLICIT_HASH_KEY_TABLE = tag(2, ProtoReader.LENGTH_DELIMITED);
        private static final int RECORDS = tag(3, ProtoReader.LENGTH_DELIMITED);
        private static final int PARTITION_KEY_INDEX = tag(1, ProtoReader.VARINT);
        private static final int EXPLICIT_HASH_KEY_INDEX = tag(2, ProtoReader.VARINT);
        private static final int DATA = tag(3, ProtoReader.LENGTH_DELIMITED);
        private static final int TAGS = tag(4, ProtoReader.LENGTH_DELIMITED);
        private static final int TAG_KEY = tag(1, ProtoReader.LENGTH_DELIMITED);

        private AggregateParser() {
        }

        static List<UserRecord> parse(ProtoReader aggregate) throws NotAnAggregate {
            List<String> partitionKeys = new ArrayList<>();
            List<String> explicitHashKeys = new ArrayList<>();
            List<Entry> entries = new ArrayList<>();
            while (aggregate.hasMore()) {
                int tag = aggregate.readTag();
                if (tag == PARTITION_KEY_TABLE) {
                    partitionKeys.add(aggregate.readString());
                } else if (tag == EXPLICIT_HASH_KEY_TABLE) {
                    explicitHashKeys.add(aggregate.readString());
                } else if (tag == RECORDS) {
                    entries.add(entry(aggregate.readMessage()));
                } else {
                    aggregate.skipField(tag);
                }
            }
            // Protobuf allows the tables after the records, so indexes are resolved only once all is read.
            List<UserRecord> records = new ArrayList<>(entries.size());
            for (Entry entry : entries) {
                String explicitHashKey = entry.explicitHashKeyIndex() == null
                        ? null : lookUp(explicitHashKeys, entry.explicitHashKeyIndex());
                records.add(new UserRecord(records.size(), lookUp(partitionKeys, entry.partitionKeyIndex()),
                        explicitHashKey, entry.data()));
            }
            return List.copyOf(records);
        }

        private static Entry entry(ProtoReader record) throws NotAnAggregate {
            Long partitionKeyIndex = null;
            Long explicitHashKeyIndex = null;
            byte[] data = null;
            while (record.hasMore()) {
                int tag = record.readTag();
                if (tag == PARTITION_KEY_INDEX) {
                    partitionKeyIndex = record.readVarint();
                } else if (tag == EXPLICIT_HASH_KEY_INDEX) {
                    explicitHashKeyIndex = record.readVarint();
                } else if (tag == DATA) {
                    data = record.readBytes();
                } else if (tag == TAGS) {
                    checkTag(record.readMessage());
                } else {
                    record.skipField(tag);
                }
            }
            if (partitionKeyIndex == null || data == null) {
                throw new NotAnAggregate();
            }
            return new Entry(partitionKeyIndex, explicitHashKeyIndex, data);
        }

        /** Tags are not kept, but one without its required key means the producer did not write this format. */
        private static void checkTag(ProtoReader tag) throws NotAnAggregate {
            boolean hasKey = false;
            while (tag.hasMore()) {
                int field = tag.readTag();
                hasKey |= field == TAG_KEY;
                tag.skipField(field);
            }
            if (!hasKey) {
                throw new NotAnAggregate();
            }
        }

        /** Indexes are unsigned 64-bit, so one past {@link Long#MAX_VALUE} arrives negative and is out of range too. */
        private static String lookUp(List<String> table, long index) throws NotAnAggregate {
            if (index < 0 || index >= table.size()) {
                throw new NotAnAggregate();
            }
            return table.get((int) index);
        }

        private static int tag(int field, int wireType) {
            return field << 3 | wireType;
        }

        /** A user record before its key indexes are looked up; a null hash key index means the field is absent. */
        private record Entry(long partitionKeyIndex, Long explicitHashKeyIndex, byte[] data) {
        }
    }

    /**
     * The protobuf wire format over part of an array. Every read is bounded by the part, so a length or varint
     * that runs past it makes the record not an aggregate instead of reading the digest or beyond.
     */
    private static final class ProtoReader {
        static final int VARINT = 0;
        static final int FIXED64 = 1;
        static final int LENGTH_DELIMITED = 2;
        static final int START_GROUP = 3;
        static final int END_GROUP = 4;
        static final int FIXED32 = 5;
        private static final int MAX_FIELD_NUMBER = (1 << 29) - 1;
        private static final int MAX_VARINT_BYTES = 10;

        private final byte[] bytes;
        private final int limit;
        private int position;

        ProtoReader(byte[] bytes, int start, int limit) {
            this.bytes = bytes;
            this.position = start;
            this.limit = limit;
        }

        boolean hasMore() {
            return position < limit;
        }

        int readTag() throws NotAnAggregate {
            long tag = readVarint();
            long field = tag >>> 3;
            if (field == 0 || field > MAX_FIELD_NUMBER) {
                throw new NotAnAggregate();
            }
            return (int) tag;
        }

        long readVarint() throws NotAnAggregate {
            long value = 0;
            for (int i = 0; i < MAX_VARINT_BYTES; i++) {
                if (position >= limit) {
                    throw new NotAnAggregate();
                }
                byte next = bytes[position++];
                value |= (long) (next & 0x7F) << (7 * i);
                if (next >= 0) {
                    return value;
                }
            }
            throw new NotAnAggregate();
        }

        byte[] readBytes() throws NotAnAggregate {
            int length = readLength();
            byte[] value = Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return value;
        }

        /** Read the way protobuf-java reads proto2 strings: bytes that are not UTF-8 become U+FFFD, not an error. */
        String readString() throws NotAnAggregate {
            int length = readLength();
            String value = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }

        ProtoReader readMessage() throws NotAnAggregate {
            int length = readLength();
            ProtoReader message = new ProtoReader(bytes, position, position + length);
            position += length;
            return message;
        }

        /** Steps over a field this parser does not read, the way any protobuf parser keeps unknown fields harmless. */
        void skipField(int tag) throws NotAnAggregate {
            switch (tag & 7) {
                case VARINT -> readVarint();
                case FIXED64 -> advance(8);
                case LENGTH_DELIMITED -> advance(readLength());
                case START_GROUP -> skipGroup(tag >>> 3);
                case FIXED32 -> advance(4);
                // An end-group tag with no group open, or wire type 6 or 7, which protobuf never writes.
                default -> throw new NotAnAggregate();
            }
        }

        /** Iterative, so deeply nested groups in a hostile record cannot overflow the stack. */
        private void skipGroup(int field) throws NotAnAggregate {
            Deque<Integer> open = new ArrayDeque<>();
            open.push(field);
            while (!open.isEmpty()) {
                int tag = readTag();
                int wireType = tag & 7;
                if (wireType == END_GROUP) {
                    if (open.pop() != (tag >>> 3)) {
                        throw new NotAnAggregate();
                    }
                } else if (wireType == START_GROUP) {
                    open.push(tag >>> 3);
                } else {
                    skipField(tag);
                }
            }
        }

        private int readLength() throws NotAnAggregate {
            long length = readVarint();
            if (length < 0 || length > limit - position) {
                throw new NotAnAggregate();
            }
            return (int) length;
        }

        private void advance(int count) throws NotAnAggregate {
            if (count > limit - position) {
                throw new NotAnAggregate();
            }
            position += count;
        }
    }

    /** Control flow only, so it skips the stack trace: malformed input is an ordinary answer here, not a fault. */
    private static final class NotAnAggregate extends Exception {
        NotAnAggregate() {
            super(null, null, false, false);
        }
    }
}
