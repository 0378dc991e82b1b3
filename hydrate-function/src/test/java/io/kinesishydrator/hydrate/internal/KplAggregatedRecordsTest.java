package io.kinesishydrator.hydrate.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kinesishydrator.hydrate.internal.KplAggregatedRecords.UserRecord;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KplAggregatedRecordsTest {
    private static final byte[] MAGIC = HexFormat.of().parseHex("f3899ac2");
    private static final String HALF_RANGE = "170141183460469231731687303715884105728";
    private static final String QUARTER_RANGE = "85070591730234615865843651857942052864";
    private static final String THREE_QUARTERS_RANGE = "255211775190703847597530955573826158592";

    private static byte[] fixture(String name) throws Exception {
        try (InputStream base64 = KplAggregatedRecordsTest.class.getResourceAsStream("/kpl/" + name + ".b64")) {
            return Base64.getMimeDecoder().decode(base64.readAllBytes());
        }
    }

    @Test
    void splitsThreeRecordsWithAHashKeyBinaryDataAndEmptyData() throws Exception {
        byte[] aggregate = fixture("three-records");

        assertThat(KplAggregatedRecords.deaggregate(aggregate)).containsExactly(
                new UserRecord(0, "order-1", HALF_RANGE, "{\"orderId\":\"o-1\",\"total\":12.5}".getBytes(UTF_8)),
                new UserRecord(1, "order-2", null, HexFormat.of().parseHex("00fffe80c3280a")),
                new UserRecord(2, "order-3", null, new byte[0]));
    }

    @Test
    void decodesPartitionKeysAsUtf8() throws Exception {
        assertThat(KplAggregatedRecords.deaggregate(fixture("one-record-unicode-key"))).containsExactly(
                new UserRecord(0, "clé-日本-1", null, "grüße, ünïcödé text".getBytes(UTF_8)));
    }

    @Test
    void splitsFiftyRecordsThatShareTheirKeyTables() throws Exception {
        List<UserRecord> records = KplAggregatedRecords.deaggregate(fixture("fifty-records"));

        assertThat(records).containsExactlyElementsOf(fiftyRecordsAsBuilt());
        assertThat(records).extracting(UserRecord::subSequenceNumber).containsExactlyElementsOf(
                LongStream.range(0, 50).boxed().toList());
    }

    /** The records the fifty-records fixture was built from, by the rule its README gives. */
    private static List<UserRecord> fiftyRecordsAsBuilt() {
        List<UserRecord> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String partitionKey = "device-" + i % 7;
            String json = "{\"device\":\"" + partitionKey + "\",\"reading\":" + i + ",\"padding\":\"" + "x".repeat(7 * i) + "\"}";
            String explicitHashKey = i % 20 == 9 ? QUARTER_RANGE : i % 20 == 19 ? THREE_QUARTERS_RANGE : null;
            records.add(new UserRecord(i, partitionKey, explicitHashKey, json.getBytes(UTF_8)));
        }
        return records;
    }

    @Test
    void aPlainJsonRecordIsNotAggregated() {
        byte[] json = "{\"orderId\":\"o-1\",\"total\":12.5}".getBytes(UTF_8);

        assertThat(KplAggregatedRecords.deaggregate(json)).isEmpty();
    }

    @Test
    void aCorruptedDigestIsNotAggregated() throws Exception {
        byte[] aggregate = fixture("three-records");
        aggregate[aggregate.length - 1] ^= 0x01;

        assertThat(KplAggregatedRecords.deaggregate(aggregate)).isEmpty();
    }

    @Test
    void aCorruptedProtobufByteIsNotAggregated() throws Exception {
        byte[] aggregate = fixture("three-records");
        aggregate[MAGIC.length + 3] ^= 0x01;

        assertThat(KplAggregatedRecords.deaggregate(aggregate)).isEmpty();
    }

    @Test
    void noTruncationOfAnAggregateIsAggregated() throws Exception {
        byte[] aggregate = fixture("three-records");

        for (int length = 0; length < aggregate.length; length++) {
            assertThat(KplAggregatedRecords.deaggregate(Arrays.copyOf(aggregate, length)))
                    .as("first %d of %d bytes", length, aggregate.length).isEmpty();
        }
    }

    @Test
    void magicBytesAloneAreNotAggregated() {
        assertThat(KplAggregatedRecords.deaggregate(MAGIC.clone())).isEmpty();
    }

    @Test
    void magicAndTheDigestOfNothingAreNotAggregated() throws Exception {
        // The KCL needs at least one protobuf byte, so an empty message passes through even with a valid digest.
        assertThat(KplAggregatedRecords.deaggregate(aggregate(new byte[0]))).isEmpty();
    }

    @Test
    void noDataIsNotAggregated() {
        assertThat(KplAggregatedRecords.deaggregate(null)).isEmpty();
        assertThat(KplAggregatedRecords.deaggregate(new byte[0])).isEmpty();
    }

    // The cases below need a valid digest over protobuf that no aggregator writes, so they build it by hand.

    @Test
    void readsTablesThatComeAfterTheRecords() throws Exception {
        byte[] protobuf = concat(records(record(1, null, "late")), partitionKeys("a", "b"));

        assertThat(KplAggregatedRecords.deaggregate(aggregate(protobuf)))
                .containsExactly(new UserRecord(0, "b", null, "late".getBytes(UTF_8)));
    }

    @Test
    void skipsUnknownFieldsOfEveryWireType() throws Exception {
        byte[] unknown = concat(
                varintField(9, 300), tag(10, 1), new byte[8], lengthDelimited(11, "?".getBytes(UTF_8)),
                tag(12, 3), varintField(1, 7), tag(13, 3), tag(13, 4), tag(12, 4), tag(14, 5), new byte[4]);
        byte[] record = concat(record(0, null, "kept"), unknown, lengthDelimited(4, lengthDelimited(1, "k".getBytes(UTF_8))));
        byte[] protobuf = concat(unknown, partitionKeys("a"), lengthDelimited(3, record), unknown);

        assertThat(KplAggregatedRecords.deaggregate(aggregate(protobuf)))
                .containsExactly(new UserRecord(0, "a", null, "kept".getBytes(UTF_8)));
    }

    @ParameterizedTest(name = "partition key index {0}")
    @ValueSource(longs = {2, Long.MAX_VALUE, -1})
    void aPartitionKeyIndexOutsideTheTableIsNotAggregated(long index) throws Exception {
        byte[] protobuf = concat(partitionKeys("a", "b"), records(record(0, null, "fine"), record(index, null, "lost")));

        assertThat(KplAggregatedRecords.deaggregate(aggregate(protobuf))).isEmpty();
    }

    @Test
    void anExplicitHashKeyIndexOutsideTheTableIsNotAggregated() throws Exception {
        byte[] protobuf = concat(partitionKeys("a"), lengthDelimited(2, HALF_RANGE.getBytes(UTF_8)),
                records(record(0, 1L, "lost")));

        assertThat(KplAggregatedRecords.deaggregate(aggregate(protobuf))).isEmpty();
    }

    @Test
    void aRecordWithoutItsRequiredDataIsNotAggregated() throws Exception {
        byte[] protobuf = concat(partitionKeys("a"), lengthDelimited(3, varintField(1, 0)));

        assertThat(KplAggregatedRecords.deaggregate(aggregate(protobuf))).isEmpty();
    }

    @Test
    void aTagWithoutItsRequiredKeyIsNotAggregated() throws Exception {
        byte[] record = concat(record(0, null, "tagged"), lengthDelimited(4, lengthDelimited(2, "v".getBytes(UTF_8))));

        assertThat(KplAggregatedRecords.deaggregate(aggregate(concat(partitionKeys("a"), lengthDelimited(3, record))))).isEmpty();
    }

    @Test
    void aLengthRunningPastTheMessageIsNotAggregated() throws Exception {
        byte[] protobuf = concat(tag(1, 2), varint(50), "short".getBytes(UTF_8));

        assertThat(KplAggregatedRecords.deaggregate(aggregate(protobuf))).isEmpty();
    }

    @Test
    void anUnclosedGroupIsNotAggregated() throws Exception {
        byte[] protobuf = concat(partitionKeys("a"), records(record(0, null, "x")), tag(12, 3), varintField(1, 7));

        assertThat(KplAggregatedRecords.deaggregate(aggregate(protobuf))).isEmpty();
    }

    @Test
    void anAggregateOfNoRecordsIsKeptWhole() throws Exception {
        assertThat(KplAggregatedRecords.deaggregate(aggregate(partitionKeys("a")))).isEmpty();
    }

    @Test
    void aUserRecordCannotBeChangedThroughItsData() throws Exception {
        UserRecord record = KplAggregatedRecords.deaggregate(fixture("three-records")).get(0);
        record.data()[0] = 'X';

        assertThat(record.data()[0]).isEqualTo((byte) '{');
    }

    private static byte[] aggregate(byte[] protobuf) throws Exception {
        return concat(MAGIC, protobuf, MessageDigest.getInstance("MD5").digest(protobuf));
    }

    private static byte[] partitionKeys(String... keys) {
        List<byte[]> fields = new ArrayList<>();
        for (String key : keys) {
            fields.add(lengthDelimited(1, key.getBytes(UTF_8)));
        }
        return concat(fields.toArray(byte[][]::new));
    }

    private static byte[] records(byte[]... records) {
        return concat(Arrays.stream(records).map(record -> lengthDelimited(3, record)).toArray(byte[][]::new));
    }

    private static byte[] record(long partitionKeyIndex, Long explicitHashKeyIndex, String data) {
        return concat(varintField(1, partitionKeyIndex),
                explicitHashKeyIndex == null ? new byte[0] : varintField(2, explicitHashKeyIndex),
                lengthDelimited(3, data.getBytes(UTF_8)));
    }

    private static byte[] varintField(int field, long value) {
        return concat(tag(field, 0), varint(value));
    }

    private static byte[] lengthDelimited(int field, byte[] payload) {
        return concat(tag(field, 2), varint(payload.length), payload);
    }

    private static byte[] tag(int field, int wireType) {
        return varint((long) field << 3 | wireType);
    }

    private static byte[] varint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
