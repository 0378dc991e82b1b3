package io.kinesishydrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** The OnFailure record of each kind of stream, against the AWS-shaped examples in events/. */
class OnFailureRecordJsonTest {
    private static final String SHARD = "shardId-00000001732654800000-6a1f2b3c";
    private static final String TABLE_STREAM = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2025-11-20T09:12:44.381";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:consumer:live";

    @Test
    void aTableStreamsRecordHoldsDdbStreamBatchInfoWithTheExamplesFieldsAndTypes() throws IOException {
        Map<String, Object> example = onFailureRecord("sns-onfailure-dynamodb-stream.json");
        List<StreamRecord> records = List.of(change("400000000012345678901", 1764190021), change("400000000012345678905", 1764190022),
                change("400000000012345678912", 1764190023));

        Map<String, Object> record = JSON.std.mapFrom(OnFailureRecordJson.of(StreamSource.DYNAMODB,
                OnFailureRecordJson.RETRY_ATTEMPTS_EXHAUSTED, records, 4, null, SHARD, TABLE_STREAM, FUNCTION, Instant.now()));

        assertSameShape(record, example);
        assertThat(record).doesNotContainKey("KinesisBatchInfo");
        assertThat(record.get("DDBStreamBatchInfo")).isEqualTo(Map.of("shardId", SHARD,
                "startSequenceNumber", "400000000012345678901", "endSequenceNumber", "400000000012345678912",
                // DynamoDB Streams times changes in whole seconds, and so does the record.
                "approximateArrivalOfFirstRecord", "2025-11-26T20:47:01Z", "approximateArrivalOfLastRecord", "2025-11-26T20:47:03Z",
                "batchSize", 3, "streamArn", TABLE_STREAM));
    }

    @Test
    void aKinesisStreamsRecordHoldsKinesisBatchInfoWithTheExamplesFieldsAndTypes() throws IOException {
        Map<String, Object> example = onFailureRecord("sns-onfailure-retries-exhausted.json");
        software.amazon.awssdk.services.kinesis.model.Record kinesis = software.amazon.awssdk.services.kinesis.model.Record.builder()
                .sequenceNumber("49590338271490256608559692538361571095921575989136588898").partitionKey("c-1")
                .data(SdkBytes.fromUtf8String("{}")).approximateArrivalTimestamp(Instant.parse("2025-11-26T20:47:01.250Z")).build();

        Map<String, Object> record = JSON.std.mapFrom(OnFailureRecordJson.of(StreamSource.KINESIS,
                OnFailureRecordJson.RETRY_ATTEMPTS_EXHAUSTED, List.of(new KinesisStreamRecord(kinesis)), 3, "Unhandled",
                "shardId-000000000000", "arn:aws:kinesis:us-east-1:123456789012:stream/orders", FUNCTION,
                Instant.parse("2025-11-26T20:48:00.123456789Z")));

        assertSameShape(record, example);
        assertThat(record).doesNotContainKey("DDBStreamBatchInfo");
    }

    @Test
    void timesAreInMillisecondsAsAwsWritesThemAndDynamoDbArrivalsInWholeSeconds() throws IOException {
        software.amazon.awssdk.services.kinesis.model.Record kinesis = software.amazon.awssdk.services.kinesis.model.Record.builder()
                .sequenceNumber("1").partitionKey("c-1").data(SdkBytes.fromUtf8String("{}"))
                .approximateArrivalTimestamp(Instant.parse("2025-11-26T20:47:01Z")).build();
        Instant now = Instant.parse("2025-11-26T20:48:00.123456789Z");

        Map<String, Object> fromKinesis = JSON.std.mapFrom(OnFailureRecordJson.of(StreamSource.KINESIS,
                OnFailureRecordJson.RECORD_AGE_EXCEEDED, List.of(new KinesisStreamRecord(kinesis)), 1, null, "shardId-000000000000",
                "arn:aws:kinesis:us-east-1:123456789012:stream/orders", FUNCTION, now));
        Map<String, Object> fromTable = JSON.std.mapFrom(OnFailureRecordJson.of(StreamSource.DYNAMODB,
                OnFailureRecordJson.RECORD_AGE_EXCEEDED, List.of(change("4", 1764190021)), 1, null, SHARD, TABLE_STREAM, FUNCTION, now));

        assertThat(fromKinesis).containsEntry("timestamp", "2025-11-26T20:48:00.123Z");
        assertThat(fromTable).containsEntry("timestamp", "2025-11-26T20:48:00.123Z");
        assertThat((Map<String, Object>) fromKinesis.get("KinesisBatchInfo"))
                .containsEntry("approximateArrivalOfFirstRecord", "2025-11-26T20:47:01.000Z");
        assertThat((Map<String, Object>) fromTable.get("DDBStreamBatchInfo"))
                .containsEntry("approximateArrivalOfFirstRecord", "2025-11-26T20:47:01Z");
    }

    /** The same fields at every level, each of the same JSON type (a null stands for any type). */
    @SuppressWarnings("unchecked")
    private static void assertSameShape(Map<String, Object> actual, Map<String, Object> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((field, value) -> {
            Object mine = actual.get(field);
            if (value instanceof Map<?, ?> nested) {
                assertThat(mine).as(field).isInstanceOf(Map.class);
                assertSameShape((Map<String, Object>) mine, (Map<String, Object>) nested);
            } else if (value != null && mine != null) {
                assertThat(jsonType(mine)).as(field).isEqualTo(jsonType(value));
            }
        });
    }

    private static String jsonType(Object value) {
        return value instanceof Number ? "number" : value instanceof String ? "string" : value.getClass().getSimpleName();
    }

    private static StreamRecord change(String sequenceNumber, long createdAt) {
        return new DynamoDbStreamRecord(Record.builder().eventID(sequenceNumber).eventName("INSERT")
                .dynamodb(change -> change.sequenceNumber(sequenceNumber).sizeBytes(10L)
                        .approximateCreationDateTime(Instant.ofEpochSecond(createdAt))).build());
    }

    /** The OnFailure record inside an example's SNS notification. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> onFailureRecord(String event) throws IOException {
        Map<String, Object> notification = JSON.std.mapFrom(Files.readString(Path.of("../../events", event)));
        Map<String, Object> sns = (Map<String, Object>) ((List<Map<String, Object>>) notification.get("Records")).get(0).get("Sns");
        return JSON.std.mapFrom((String) sns.get("Message"));
    }
}
