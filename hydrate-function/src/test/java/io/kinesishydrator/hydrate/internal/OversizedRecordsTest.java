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
    void keepsOversizedRecordsWholeAndCountsEachTruncatedRecordOnce() throws Exception {
        OversizedRecords<Record> oversized = new OversizedRecords<>(KinesisRecordRenderer.INSTANCE, true);
        Record large = kinesis("2", text(4 * BUDGET));
        PayloadNotStoredException failure = new PayloadNotStoredException("the payload bucket b did not take it", true, null);

        List<String> small = oversized.render(kinesis("1", text(10)), BUDGET);
        List<String> kept = oversized.render(large, BUDGET);
        oversized.truncated(large, BUDGET, failure);
        List<String> truncated = oversized.truncated(large, BUDGET, failure);

        assertThat(Utf8.length(small.get(0))).isLessThanOrEqualTo(BUDGET);
        assertThat(Utf8.length(kept.get(0))).isGreaterThan(BUDGET);
        assertThat(JSON.std.mapFrom(truncated.get(0))).containsEntry("truncated", true).containsEntry("dataBytes", 4 * BUDGET);
        assertThat(oversized.count()).isEqualTo(1);
    }

    @Test
    void aBucketFailureMakesEachOversizedRecordMissingItsDataWithTheFailure() {
        OversizedRecords<Record> oversized = new OversizedRecords<>(KinesisRecordRenderer.INSTANCE, true);
        RangeRead read = new RangeRead(2, "2", List.of(), List.of(), false);
        oversized.truncated(kinesis("2", text(4 * BUDGET)), BUDGET,
                new PayloadNotStoredException("the payload bucket b did not take it: connection refused", true, null));

        RangeRead sent = oversized.sentTruncated(read);

        assertThat(sent.complete()).isFalse();
        assertThat(sent.missing()).singleElement().satisfies(missing -> {
            assertThat(missing.from()).isEqualTo("2");
            assertThat(missing.through()).isEqualTo("2");
            assertThat(missing.reason()).contains("the payload bucket b did not take it: connection refused");
        });
        assertThat(sent.recordsRead()).isEqualTo(read.recordsRead());
    }

    @Test
    void theTailTheDeadlineLeftStaysTheLastMissingRange() {
        OversizedRecords<Record> oversized = new OversizedRecords<>(KinesisRecordRenderer.INSTANCE, true);
        MissingRange tail = new MissingRange(null, "2", null, "9", "out of time");
        oversized.truncated(kinesis("2", text(4 * BUDGET)), BUDGET, new PayloadNotStoredException("refused", true, null));

        RangeRead sent = oversized.sentTruncated(new RangeRead(2, "2", List.of(tail), List.of(), true));

        assertThat(sent.missing()).hasSize(2).last().isEqualTo(tail);
        assertThat(sent.missing().get(0).from()).isEqualTo("2");
    }

    @Test
    void withoutABucketAnOversizedRecordIsTruncatedInPlaceAndTheReadStaysCompleteWithANote() throws Exception {
        OversizedRecords<Record> oversized = new OversizedRecords<>(KinesisRecordRenderer.INSTANCE, false);
        RangeRead read = new RangeRead(1, "2", List.of(), List.of("earlier note"), false);

        List<String> rendered = oversized.render(kinesis("2", text(4 * BUDGET)), BUDGET);
        RangeRead sent = oversized.sentTruncated(read);

        assertThat(JSON.std.mapFrom(rendered.get(0))).containsEntry("truncated", true).containsEntry("dataBytes", 4 * BUDGET);
        assertThat(oversized.count()).isEqualTo(1);

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
