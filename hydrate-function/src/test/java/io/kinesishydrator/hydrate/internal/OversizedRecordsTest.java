package io.kinesishydrator.hydrate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.model.Record;

/** Records too large for a message: kept whole for the payload bucket, and truncated with the reason when they cannot go there. */
class OversizedRecordsTest {
    private static final int BUDGET = 1024;

    private static Record kinesis(String sequenceNumber, byte[] data) {
        return Record.builder().sequenceNumber(sequenceNumber).partitionKey("pk").data(SdkBytes.fromByteArray(data)).build();
    }

    private static byte[] text(int size) {
        byte[] data = new byte[size];
        Arrays.fill(data, (byte) 'x');
        return data;
    }

    @Test
    void keepsAnOversizedTextRecordWholeAndTruncatesItOtherwise() throws Exception {
        Record large = kinesis("7", text(4 * BUDGET));

        Map<String, Object> kept = JSON.std.mapFrom(KinesisRecordRenderer.INSTANCE.keepingOversized().render(large, BUDGET).get(0));
        Map<String, Object> truncated = JSON.std.mapFrom(KinesisRecordRenderer.INSTANCE.render(large, BUDGET).get(0));

        assertThat(kept).containsEntry("text", new String(text(4 * BUDGET), StandardCharsets.US_ASCII))
                .doesNotContainKeys("truncated", "data");
        assertThat(truncated).containsEntry("truncated", true).containsEntry("dataBytes", 4 * BUDGET).doesNotContainKeys("text", "data");
    }

    @Test
    void keepsAnOversizedBinaryRecordWholeInBase64() throws Exception {
        byte[] binary = new byte[4 * BUDGET];
        Arrays.fill(binary, (byte) 0xff);

        Map<String, Object> kept = JSON.std.mapFrom(KinesisRecordRenderer.INSTANCE.keepingOversized()
                .render(kinesis("7", binary), BUDGET).get(0));

        assertThat(Base64.getDecoder().decode((String) kept.get("data"))).isEqualTo(binary);
    }

    @Test
    void keepsAnOversizedDynamoDbRecordWithBothImagesInBothForms() throws Exception {
        String large = "y".repeat(2 * BUDGET);
        software.amazon.awssdk.services.dynamodb.model.Record change = software.amazon.awssdk.services.dynamodb.model.Record.builder()
                .eventName("MODIFY").dynamodb(stream -> stream.sequenceNumber("42")
                        .keys(Map.of("id", AttributeValue.fromS("order-1")))
                        .newImage(Map.of("id", AttributeValue.fromS("order-1"), "note", AttributeValue.fromS(large)))
                        .oldImage(Map.of("id", AttributeValue.fromS("order-1"), "note", AttributeValue.fromS(large))))
                .build();

        Map<String, Object> kept = JSON.std.mapFrom(DynamoDbRecordRenderer.INSTANCE.keepingOversized().render(change, BUDGET).get(0));

        assertThat(kept).containsKeys("newImage", "oldImage").doesNotContainKey("truncated");
        assertThat(kept.get("dynamodb").toString()).contains("NewImage", "OldImage");
        assertThat(JSON.std.mapFrom(DynamoDbRecordRenderer.INSTANCE.render(change, BUDGET).get(0))).containsEntry("truncated", true);
    }

    @Test
    void remembersEachOversizedRecordOnceAndLeavesFittingOnesInline() {
        OversizedRecords<Record> oversized = new OversizedRecords<>(KinesisRecordRenderer.INSTANCE);

        List<String> small = oversized.render(kinesis("1", text(10)), BUDGET);
        List<String> large = oversized.render(kinesis("2", text(4 * BUDGET)), BUDGET);

        assertThat(Utf8.length(small.get(0))).isLessThanOrEqualTo(BUDGET);
        assertThat(Utf8.length(large.get(0))).isGreaterThan(BUDGET);
        assertThat(oversized.count()).isEqualTo(1);
    }

    @Test
    void aBucketFailureMakesEachOversizedRecordMissingItsDataWithTheFailure() {
        OversizedRecords<Record> oversized = new OversizedRecords<>(KinesisRecordRenderer.INSTANCE);
        RangeRead<Record> read = new RangeRead<>(List.of(kinesis("1", text(10)), kinesis("2", text(4 * BUDGET))), List.of(), List.of());
        read.records().forEach(record -> oversized.render(record, BUDGET));

        RangeRead<Record> sent = oversized.sentTruncated(read,
                new PayloadNotStoredException("the payload bucket b did not take it: connection refused", true, null));

        assertThat(sent.complete()).isFalse();
        assertThat(sent.missing()).singleElement().satisfies(missing -> {
            assertThat(missing.from()).isEqualTo("2");
            assertThat(missing.through()).isEqualTo("2");
            assertThat(missing.reason()).contains("the payload bucket b did not take it: connection refused");
        });
        assertThat(sent.records()).isEqualTo(read.records());
    }

    @Test
    void withoutABucketTheReadStaysCompleteWithANote() {
        OversizedRecords<Record> oversized = new OversizedRecords<>(KinesisRecordRenderer.INSTANCE);
        RangeRead<Record> read = new RangeRead<>(List.of(kinesis("2", text(4 * BUDGET))), List.of(), List.of("earlier note"));
        read.records().forEach(record -> oversized.render(record, BUDGET));

        RangeRead<Record> sent = oversized.sentTruncated(read, new PayloadNotStoredException("no bucket", false, null));

        assertThat(sent.complete()).isTrue();
        assertThat(sent.notes()).hasSize(2).first().isEqualTo("earlier note");
        assertThat(sent.notes().get(1)).contains("1 record(s)", "truncated", "PAYLOAD_BUCKET");
    }

    @Test
    void thePointerIsTheExtendedClientsPayloadS3Pointer() throws Exception {
        String pointer = PayloadBucket.pointer("payloads", "0f8fad5b-d9cb-469f-a165-70867728950e");

        assertThat(pointer).isEqualTo("[\"software.amazon.payloadoffloading.PayloadS3Pointer\","
                + "{\"s3BucketName\":\"payloads\",\"s3Key\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"}]");
        assertThat(JSON.std.listFrom(pointer)).hasSize(2);
    }
}
