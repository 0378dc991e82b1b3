package io.kinesishydrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** The DynamoDB event the mapping sends, against the AWS-shaped example in events/, which sam local invoke uses too. */
class DynamoDbEventJsonTest {
    private static final Path EXAMPLE = Path.of("../../events/dynamodb-stream-batch.json");

    @Test
    @SuppressWarnings("unchecked")
    void theEventOfTheExamplesStreamRecordsIsTheExample() throws IOException {
        Map<String, Object> example = JSON.std.mapFrom(Files.readString(EXAMPLE));
        List<Map<String, Object>> exampleRecords = (List<Map<String, Object>>) example.get("Records");
        List<StreamRecord> records = exampleRecords.stream().<StreamRecord>map(record -> new DynamoDbStreamRecord(streamRecord(record)))
                .toList();

        String event = StreamEventJson.of(records, "shardId-00000001764190000000-0a1b2c3d",
                (String) exampleRecords.get(0).get("eventSourceARN"), "us-east-1");

        assertThat(JSON.std.mapFrom(event)).isEqualTo(example);
    }

    @Test
    void theLambdaRuntimeReadsTheEventWithItsOwnTypes() throws IOException {
        Map<String, Object> example = JSON.std.mapFrom(Files.readString(EXAMPLE));
        PojoSerializer<DynamodbEvent> serializer =
                LambdaEventSerializers.serializerFor(DynamodbEvent.class, DynamoDbEventJsonTest.class.getClassLoader());

        DynamodbEvent event = serializer.fromJson(new ByteArrayInputStream(StreamEventJson.of(
                List.of(new DynamoDbStreamRecord(streamRecord(exampleRecord(example, 1)))), "shardId-1", "arn", "us-east-1")
                .getBytes(StandardCharsets.UTF_8)));

        DynamodbEvent.DynamodbStreamRecord record = event.getRecords().get(0);
        assertThat(record.getEventName()).isEqualTo("MODIFY");
        assertThat(record.getEventSource()).isEqualTo("aws:dynamodb");
        assertThat(record.getEventVersion()).isEqualTo("1.1");
        assertThat(record.getDynamodb().getSequenceNumber()).isEqualTo("4421584600000000017450439092");
        assertThat(record.getDynamodb().getSizeBytes()).isEqualTo(262L);
        assertThat(record.getDynamodb().getApproximateCreationDateTime().toInstant()).isEqualTo(Instant.ofEpochSecond(1764190001));
        assertThat(record.getDynamodb().getNewImage().get("quantity").getN()).isEqualTo("3");
        assertThat(record.getDynamodb().getOldImage().get("quantity").getN()).isEqualTo("1");
        assertThat(record.getDynamodb().getKeys().get("orderId").getS()).isEqualTo("o-1002");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> exampleRecord(Map<String, Object> example, int index) {
        return ((List<Map<String, Object>>) example.get("Records")).get(index);
    }

    /** The stream record DynamoDB Streams would have returned for an example record. */
    @SuppressWarnings("unchecked")
    private static Record streamRecord(Map<String, Object> example) {
        Map<String, Object> change = (Map<String, Object>) example.get("dynamodb");
        software.amazon.awssdk.services.dynamodb.model.StreamRecord.Builder dynamodb =
                software.amazon.awssdk.services.dynamodb.model.StreamRecord.builder()
                .approximateCreationDateTime(Instant.ofEpochSecond(((Number) change.get("ApproximateCreationDateTime")).longValue()))
                .keys(DynamoDbJson.item(change.get("Keys")))
                .sequenceNumber((String) change.get("SequenceNumber"))
                .sizeBytes(((Number) change.get("SizeBytes")).longValue())
                .streamViewType((String) change.get("StreamViewType"));
        if (change.containsKey("NewImage")) {
            dynamodb.newImage(DynamoDbJson.item(change.get("NewImage")));
        }
        if (change.containsKey("OldImage")) {
            dynamodb.oldImage(DynamoDbJson.item(change.get("OldImage")));
        }
        return Record.builder().eventID((String) example.get("eventID")).eventName((String) example.get("eventName"))
                .eventVersion("1.1").eventSource("aws:dynamodb").awsRegion("ddblocal").dynamodb(dynamodb.build()).build();
    }
}
