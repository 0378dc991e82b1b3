package io.kinesishydrator.hydrate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class S3OnFailureObjectTest {
    private static final String RECORD = "{\"requestContext\":{\"condition\":\"RetryAttemptsExhausted\"},"
            + "\"KinesisBatchInfo\":{\"shardId\":\"shardId-000000000000\",\"startSequenceNumber\":\"100\","
            + "\"endSequenceNumber\":\"200\",\"batchSize\":2,\"streamArn\":\"arn:aws:kinesis:us-east-1:123456789012:stream/orders\"}";

    private static StreamBatchInfo batch() throws MalformedNotificationException {
        return new FailureNotificationParser().parse(RECORD + "}").batchInfo();
    }

    @Test
    void separatesThePayloadFromTheRecord() throws MalformedNotificationException {
        S3OnFailureObject object = S3OnFailureObject.parse(RECORD + ",\"payload\":\"{\\\"Records\\\":[]}\"}");

        assertThat(object.payload()).isEqualTo("{\"Records\":[]}");
        assertThat(object.record()).doesNotContain("payload").contains("KinesisBatchInfo");
        assertThat(new FailureNotificationParser().parse(object.record()).batchInfo()).isEqualTo(batch());
    }

    @Test
    void takesAPayloadWrittenAsAnObjectAsItsJsonText() throws MalformedNotificationException {
        String event = "{\"Records\":[" + kinesis("100", "é ok".getBytes(StandardCharsets.UTF_8)) + "]}";

        S3OnFailureObject object = S3OnFailureObject.parse(RECORD + ",\"payload\":" + event + "}");

        assertThat(object.payload()).isEqualTo(event);
        assertThat(object.record()).doesNotContain("payload");
        List<software.amazon.awssdk.services.kinesis.model.Record> records = new ArrayList<>();
        PayloadRecords.kinesis(object.payload(), batch(), records::add);
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.data().asUtf8String()).isEqualTo("é ok");
            assertThat(record.approximateArrivalTimestamp().toEpochMilli()).isEqualTo(1_764_190_001_123L);
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "42         | the object's payload is a number (42)",
            "true       | the object's payload is a boolean (true)",
            "[{}, {}]   | the object's payload is an array of 2 element(s)"})
    void aPayloadOfAnyOtherTypeMakesTheObjectMalformedAndSaysWhy(String payload, String reason) {
        assertThatThrownBy(() -> S3OnFailureObject.parse(RECORD + ",\"payload\":" + payload + "}"))
                .isInstanceOf(MalformedNotificationException.class).hasMessageStartingWith(reason)
                .hasMessageContaining("not the invocation event");
    }

    @Test
    void aNullPayloadIsNoPayload() throws MalformedNotificationException {
        assertThat(S3OnFailureObject.parse(RECORD + ",\"payload\":null}").payload()).isNull();
    }

    @Test
    void anObjectThatIsNotJsonIsMalformed() {
        assertThatThrownBy(() -> S3OnFailureObject.parse("not json")).isInstanceOf(MalformedNotificationException.class);
        assertThatThrownBy(() -> S3OnFailureObject.parse("")).isInstanceOf(MalformedNotificationException.class);
    }

    @Test
    void takesKinesisRecordsFromThePayloadByteForByte() throws MalformedNotificationException {
        byte[] binary = {0, (byte) 0xff, (byte) 0xc3, 0x28, 10};
        String payload = "{\"Records\":[" + kinesis("100", binary) + "," + kinesis("200", "é ok".getBytes(StandardCharsets.UTF_8)) + "]}";

        List<software.amazon.awssdk.services.kinesis.model.Record> records = new ArrayList<>();
        RangeRead read = PayloadRecords.kinesis(payload, batch(), records::add);

        assertThat(read.complete()).isTrue();
        assertThat(read.notes()).isEmpty();
        assertThat(read.recordsRead()).isEqualTo(2);
        assertThat(records.get(0).data().asByteArray()).isEqualTo(binary);
        assertThat(records.get(1).data().asUtf8String()).isEqualTo("é ok");
        assertThat(records.get(0).approximateArrivalTimestamp().toEpochMilli()).isEqualTo(1_764_190_001_123L);
    }

    @Test
    void aMissingPayloadLeavesTheWholeRangeMissing() throws MalformedNotificationException {
        List<software.amazon.awssdk.services.kinesis.model.Record> records = new ArrayList<>();
        RangeRead read = PayloadRecords.kinesis(null, batch(), records::add);

        assertThat(records).isEmpty();
        assertThat(read.complete()).isFalse();
        assertThat(read.missing()).containsExactly(new MissingRange("100", null, null, "200",
                "the S3 object's payload holds no readable event: the object has no payload field"));
    }

    @Test
    void notesACountThatDiffersFromBatchSize() throws MalformedNotificationException {
        RangeRead read = PayloadRecords.kinesis("{\"Records\":[" + kinesis("100", new byte[] {1}) + "]}", batch(), record -> { });

        assertThat(read.notes()).containsExactly("the payload holds 1 records and batchSize says 2");
    }

    @Test
    void readsDynamoDbImagesFromDynamoDbJson() throws MalformedNotificationException {
        String payload = "{\"Records\":[{\"eventID\":\"e1\",\"eventName\":\"MODIFY\",\"eventVersion\":\"1.1\",\"awsRegion\":\"us-east-1\","
                + "\"dynamodb\":{\"ApproximateCreationDateTime\":1764190001,\"Keys\":{\"id\":{\"S\":\"order-1\"}},"
                + "\"NewImage\":{\"id\":{\"S\":\"order-1\"},\"n\":{\"N\":\"10.50\"},\"b\":{\"B\":\"AP8=\"},\"l\":{\"L\":[{\"NULL\":true},{\"BOOL\":false}]},"
                + "\"m\":{\"M\":{\"ss\":{\"SS\":[\"a\"]},\"ns\":{\"NS\":[\"1\"]},\"bs\":{\"BS\":[\"AQ==\"]}}}},"
                + "\"SequenceNumber\":\"150\",\"SizeBytes\":42,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},"
                + "\"eventSourceARN\":\"arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2025-11-26T00:00:00.000\"}]}";

        List<software.amazon.awssdk.services.dynamodb.model.Record> records = new ArrayList<>();
        PayloadRecords.dynamoDb(payload, batch(), records::add);

        var record = records.get(0);
        assertThat(DynamoDbRecordRenderer.INSTANCE.render(record, 100_000)).singleElement().asString()
                .contains("\"keys\":{\"id\":\"order-1\"}", "\"n\":10.50", "\"B\":\"AP8=\"", "\"L\":[{\"NULL\":true},{\"BOOL\":false}]",
                        "\"eventName\":\"MODIFY\"", "\"sizeBytes\":42", "\"approximateCreationDateTime\":\"2025-11-26T20:46:41Z\"");
        assertThat(record.dynamodb().oldImage()).isEmpty();
    }

    private static String kinesis(String sequenceNumber, byte[] data) {
        return "{\"kinesis\":{\"kinesisSchemaVersion\":\"1.0\",\"partitionKey\":\"k\",\"sequenceNumber\":\"" + sequenceNumber
                + "\",\"data\":\"" + Base64.getEncoder().encodeToString(data) + "\",\"approximateArrivalTimestamp\":1764190001.123},"
                + "\"eventSource\":\"aws:kinesis\",\"eventID\":\"shardId-000000000000:" + sequenceNumber + "\"}";
    }
}
