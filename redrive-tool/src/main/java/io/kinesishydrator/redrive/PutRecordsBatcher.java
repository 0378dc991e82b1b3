package io.kinesishydrator.redrive;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * Splits records, in order, into PutRecords requests within Kinesis' limits: {@code maxRecords} records and
 * {@link PutRecordsSender#MAX_BYTES_PER_CALL} bytes of data and partition keys a request, except that a record
 * larger than that goes in a request of its own (Kinesis takes up to 10 MiB in one). A record Kinesis would
 * refuse is set aside as not puttable, with the reason, and never sent: Kinesis rejects the whole request for it.
 */
final class PutRecordsBatcher {
    private static final int MAX_PARTITION_KEY_LENGTH = 256;
    private static final Pattern HASH_KEY = Pattern.compile("0|[1-9][0-9]{0,38}");
    private static final BigInteger MAX_HASH_KEY = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private final int maxRecords;
    private final int maxBytesPerRecord;

    PutRecordsBatcher(int maxRecords, int maxBytesPerRecord) {
        if (maxRecords < 1 || maxRecords > PutRecordsSender.MAX_RECORDS_PER_CALL) {
            throw new IllegalArgumentException("records per PutRecords call must be from 1 to "
                    + PutRecordsSender.MAX_RECORDS_PER_CALL + ", got " + maxRecords);
        }
        this.maxRecords = maxRecords;
        this.maxBytesPerRecord = maxBytesPerRecord;
    }

    /** A record on its way, with its index in the caller's list. */
    record Indexed(int index, PutRecordsRequestEntry entry) {
    }

    /** The requests to make, in order, and the records none of them may carry. */
    record Batches(List<List<Indexed>> requests, List<SendResult.NotPut> rejected) {
    }

    Batches split(List<PutRecordsRequestEntry> records) {
        List<List<Indexed>> requests = new ArrayList<>();
        List<SendResult.NotPut> rejected = new ArrayList<>();
        List<Indexed> current = new ArrayList<>();
        long currentBytes = 0;
        for (int i = 0; i < records.size(); i++) {
            PutRecordsRequestEntry entry = records.get(i);
            SendResult.NotPut refusal = refusal(i, entry);
            if (refusal != null) {
                rejected.add(refusal);
                continue;
            }
            long bytes = bytes(entry);
            if (!current.isEmpty() && (current.size() == maxRecords || currentBytes + bytes > PutRecordsSender.MAX_BYTES_PER_CALL)) {
                requests.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(new Indexed(i, entry));
            currentBytes += bytes;
        }
        if (!current.isEmpty()) {
            requests.add(current);
        }
        return new Batches(requests, rejected);
    }

    /** What Kinesis counts against its size limits: the data and the partition key, in UTF-8. */
    static long bytes(PutRecordsRequestEntry entry) {
        return (long) entry.data().asByteArrayUnsafe().length + entry.partitionKey().getBytes(StandardCharsets.UTF_8).length;
    }

    private SendResult.NotPut refusal(int index, PutRecordsRequestEntry entry) {
        String key = entry.partitionKey();
        // Kinesis counts up to 256 characters; a Java length above that may still be fewer code points, so
        // this is strict in the rare case of keys full of surrogate pairs rather than risk a refused request.
        if (key == null || key.isEmpty() || key.length() > MAX_PARTITION_KEY_LENGTH) {
            return new SendResult.NotPut(index, entry, PutRecordsSender.INVALID_PARTITION_KEY,
                    "a partition key must have 1 to " + MAX_PARTITION_KEY_LENGTH + " characters, got "
                            + (key == null ? "none" : key.length()));
        }
        if (entry.data() == null) {
            return new SendResult.NotPut(index, entry, PutRecordsSender.MISSING_DATA, "a record must have data, even if empty");
        }
        long bytes = bytes(entry);
        if (bytes > maxBytesPerRecord) {
            return new SendResult.NotPut(index, entry, PutRecordsSender.RECORD_TOO_LARGE, "data and partition key take "
                    + bytes + " bytes, over the limit of " + maxBytesPerRecord + " a record");
        }
        String hashKey = entry.explicitHashKey();
        if (hashKey != null && (!HASH_KEY.matcher(hashKey).matches() || new BigInteger(hashKey).compareTo(MAX_HASH_KEY) > 0)) {
            return new SendResult.NotPut(index, entry, PutRecordsSender.INVALID_EXPLICIT_HASH_KEY,
                    "an explicit hash key must be a decimal number from 0 to 2^128-1, got " + hashKey);
        }
        return null;
    }
}
