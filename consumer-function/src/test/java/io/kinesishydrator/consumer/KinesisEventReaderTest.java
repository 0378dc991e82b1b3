package io.kinesishydrator.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.kinesishydrator.common.MalformedEventException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reader builds exactly the event the Lambda runtime's own serializers build from the same JSON. */
class KinesisEventReaderTest {

    private static KinesisEvent byRuntime(String json) {
        return LambdaEventSerializers.serializerFor(KinesisEvent.class, KinesisEventReaderTest.class.getClassLoader())
                .fromJson(json);
    }

    private static KinesisEvent byReader(String json) throws IOException {
        try (InputStream input = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))) {
            return KinesisEventReader.read(input);
        }
    }

    /** Every field a handler can see, with data as bytes: the runtime's and the reader's events compare equal. */
    static List<Map<String, Object>> fields(KinesisEvent event) {
        return event.getRecords().stream().map(KinesisEventReaderTest::fields).toList();
    }

    private static Map<String, Object> fields(KinesisEventRecord record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("eventSource", record.getEventSource());
        fields.put("eventID", record.getEventID());
        fields.put("invokeIdentityArn", record.getInvokeIdentityArn());
        fields.put("eventName", record.getEventName());
        fields.put("eventVersion", record.getEventVersion());
        fields.put("eventSourceARN", record.getEventSourceARN());
        fields.put("awsRegion", record.getAwsRegion());
        KinesisEvent.Record kinesis = record.getKinesis();
        if (kinesis != null) {
            fields.put("kinesisSchemaVersion", kinesis.getKinesisSchemaVersion());
            fields.put("partitionKey", kinesis.getPartitionKey());
            fields.put("sequenceNumber", kinesis.getSequenceNumber());
            fields.put("encryptionType", kinesis.getEncryptionType());
            fields.put("arrival", kinesis.getApproximateArrivalTimestamp() == null ? null : kinesis.getApproximateArrivalTimestamp().getTime());
            fields.put("data", kinesis.getData() == null ? null : Arrays.toString(bytes(kinesis.getData())));
        }
        return fields;
    }

    private static byte[] bytes(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(strings = {"kinesis-batch.json", "kinesis-batch-poison.json"})
    void readsTheEventFilesAsTheRuntimeDoes(String file) throws IOException {
        String json = Files.readString(Path.of("..", "events", file));

        List<Map<String, Object>> read = fields(byReader(json));

        assertThat(read).isNotEmpty().isEqualTo(fields(byRuntime(json)));
        assertThat(read.get(0).get("sequenceNumber")).asString().hasSize(56);
    }

    @Test
    void readsEveryFieldAndSkipsUnknownOnesAsTheRuntimeDoes() throws IOException {
        String json = """
                {"Records": [{
                  "kinesis": {"kinesisSchemaVersion": "1.0", "partitionKey": "pk-1", "sequenceNumber": "49590338271490256608559692538361571095921575989136588898",
                              "data": "AAEC/w==", "approximateArrivalTimestamp": 1545084650.987, "encryptionType": "KMS",
                              "unknown": {"nested": [1, {"a": null}]}},
                  "eventSource": "aws:kinesis", "eventVersion": "1.0",
                  "eventID": "shardId-000000000006:49590338271490256608559692538361571095921575989136588898",
                  "eventName": "aws:kinesis:record", "invokeIdentityArn": "arn:aws:iam::123456789012:role/lambda-role",
                  "awsRegion": "us-east-2", "eventSourceARN": "arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream",
                  "somethingNew": [true, false]
                }, {
                  "kinesis": {"sequenceNumber": "2", "data": "", "approximateArrivalTimestamp": 1545084651},
                  "eventSourceARN": "arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream"
                }],
                "window": {"start": "2020-07-30T17:00:00Z"}}
                """;

        List<Map<String, Object>> read = fields(byReader(json));

        assertThat(read).isEqualTo(fields(byRuntime(json)));
        assertThat(read.get(0)).containsEntry("data", "[0, 1, 2, -1]").containsEntry("arrival", 1_545_084_650_987L)
                .containsEntry("encryptionType", "KMS");
        assertThat(read.get(1)).containsEntry("data", "[]").containsEntry("partitionKey", null);
    }

    @Test
    void readsNoEventAndNoRecordsAsTheRuntimeDoes() throws IOException {
        assertThat(byReader("null")).isNull();
        assertThat(byReader("")).isNull();
        assertThat(byReader("{}").getRecords()).isNull();
        assertThat(byReader("{\"Records\": null}").getRecords()).isNull();
        assertThat(byReader("{\"Records\": []}").getRecords()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "\"text\"", "{\"Records\": {}}", "{\"Records\": [1]}", "{\"Records\": [{\"kinesis\": {\"data\": \"***\"}}]}",
            "{\"Records\": [{\"kinesis\": {\"approximateArrivalTimestamp\": \"yesterday\"}}]}", "{\"Records\": [",
            "[]", "{\"Records\": [[]]}", "{\"Records\": []} x", "{\"Records\": []} {}", "{\"Records\": [{\"kinesis\": []}]}",
            "{\"Records\": [{\"kinesis\": {\"partitionKey\": [\"a\"]}}]}", "{\"Records\": [{\"eventID\": {}}]}",
            "{\"Records\": [{\"kinesis\": {\"approximateArrivalTimestamp\": [1]}}]}", "{\"Records\": [{\"kinesis\": {\"data\": 1}}]}"})
    void refusesWhatIsNotAKinesisEvent(String json) {
        assertThatThrownBy(() -> byReader(json)).isInstanceOf(IOException.class);
    }

    @Test
    void namesTheRecordAndFieldItCannotRead() {
        String json = """
                {"Records": [{"kinesis": {"sequenceNumber": "1"}},
                             {"kinesis": {"sequenceNumber": "2", "encryptionType": ["KMS"], "partitionKey": "pk"}},
                             {"kinesis": {"sequenceNumber": "3"}}]}
                """;

        assertThatThrownBy(() -> byReader(json)).isInstanceOf(MalformedEventException.class)
                .hasMessage("record 1 of a Kinesis event: kinesis.encryptionType must be a string, got an array");
    }

    @Test
    void skipsUnknownFieldsOfEveryTypeAndTakesNullAndScalarsAsTheRuntimeDoes() throws IOException {
        String json = """
                {"window": [], "Records": [{"x": [1, {"a": []}], "y": {}, "z": null, "w": "text", "eventSource": null,
                  "kinesis": {"partitionKey": 42, "encryptionType": true, "data": null, "unknown": [[]], "sequenceNumber": 12345678901234567890123,
                              "approximateArrivalTimestamp": 0}}], "more": {"Records": "not these"}}
                """;

        List<Map<String, Object>> read = fields(byReader(json));

        assertThat(read).isEqualTo(fields(byRuntime(json)));
        assertThat(read.get(0)).containsEntry("partitionKey", "42").containsEntry("encryptionType", "true")
                .containsEntry("sequenceNumber", "12345678901234567890123").containsEntry("arrival", null);
    }
}
