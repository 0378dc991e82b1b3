package io.kinesishydrator.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.kinesishydrator.common.MalformedEventException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reader builds exactly the event the Lambda runtime's own serializers build from the same JSON. */
class DynamoDbEventReaderTest {

    private static DynamodbEvent byRuntime(String json) {
        return LambdaEventSerializers.serializerFor(DynamodbEvent.class, DynamoDbEventReaderTest.class.getClassLoader())
                .fromJson(json);
    }

    private static DynamodbEvent byReader(String json) throws IOException {
        return DynamoDbEventReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertSameAsTheRuntime(String json) throws IOException {
        List<DynamodbStreamRecord> read = byReader(json).getRecords();
        List<DynamodbStreamRecord> expected = byRuntime(json).getRecords();

        assertThat(read).hasSameSizeAs(expected);
        for (int i = 0; i < read.size(); i++) {
            // The models' own equals: every field, attribute values by type and content, binary by bytes.
            assertThat(read.get(i)).as("record %d", i).isEqualTo(expected.get(i));
            assertThat(read.get(i).getEventSourceARN()).isEqualTo(expected.get(i).getEventSourceARN());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dynamodb-stream-batch.json", "dynamodb-stream-batch-poison.json"})
    void readsTheEventFilesAsTheRuntimeDoes(String file) throws IOException {
        String json = Files.readString(Path.of("..", "events", file));

        assertSameAsTheRuntime(json);
        assertThat(byReader(json).getRecords()).isNotEmpty();
    }

    @Test
    void readsEveryAttributeTypeAndSkipsUnknownFieldsAsTheRuntimeDoes() throws IOException {
        String json = """
                {"Records": [{
                  "eventID": "c4ca4238a0b923820dcc509a6f75849b", "eventName": "MODIFY", "eventVersion": "1.1",
                  "eventSource": "aws:dynamodb", "awsRegion": "eu-west-1",
                  "dynamodb": {"ApproximateCreationDateTime": 1479499740, "SequenceNumber": "4421584500000000017450439091",
                    "SizeBytes": 126, "StreamViewType": "NEW_AND_OLD_IMAGES",
                    "Keys": {"id": {"S": "order-1"}},
                    "NewImage": {"id": {"S": "order-1"}, "total": {"N": "12345678901234567890.123"}, "blob": {"B": "AAH/"},
                      "paid": {"BOOL": true}, "note": {"NULL": true}, "tags": {"SS": ["a", "b"]}, "sizes": {"NS": ["1", "2.5"]},
                      "blobs": {"BS": ["Bw==", ""]}, "address": {"M": {"city": {"S": "Lyon"}, "zip": {"N": "69001"}}},
                      "lines": {"L": [{"N": "3"}, {"S": "x"}, {"L": []}, {"M": {}}]}},
                    "OldImage": {"id": {"S": "order-1"}},
                    "Future": {"x": [1]}},
                  "userIdentity": {"type": "Service", "principalId": "dynamodb.amazonaws.com"},
                  "eventSourceARN": "arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2016-11-16T20:42:48.104",
                  "unknown": [true]
                }, {
                  "eventID": "2", "eventName": "REMOVE",
                  "dynamodb": {"ApproximateCreationDateTime": 1479499741.5, "SequenceNumber": "4421584500000000017450439092",
                    "Keys": {"id": {"S": "order-2"}}, "StreamViewType": "KEYS_ONLY"}
                }]}
                """;

        assertSameAsTheRuntime(json);
        DynamodbStreamRecord read = byReader(json).getRecords().get(0);
        assertThat(read.getDynamodb().getNewImage().get("total").getN()).isEqualTo("12345678901234567890.123");
        assertThat(read.getDynamodb().getApproximateCreationDateTime().getTime()).isEqualTo(1_479_499_740_000L);
        assertThat(read.getUserIdentity().getPrincipalId()).isEqualTo("dynamodb.amazonaws.com");
    }

    @Test
    void readsNoEventAndNoRecordsAsTheRuntimeDoes() throws IOException {
        assertThat(byReader("null")).isNull();
        assertThat(byReader("")).isNull();
        assertThat(byReader("{}").getRecords()).isNull();
        assertThat(byReader("{\"Records\": []}").getRecords()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "{\"Records\": {}}", "{\"Records\": [1]}",
            "{\"Records\": [{\"dynamodb\": {\"Keys\": {\"id\": {\"B\": \"***\"}}}}]}",
            "{\"Records\": [{\"dynamodb\": {\"Keys\": {\"id\": {\"SS\": \"a\"}}}}]}",
            "{\"Records\": [{\"dynamodb\": {\"ApproximateCreationDateTime\": \"yesterday\"}}]}",
            "{\"Records\": [{\"dynamodb\": {\"Keys\": []}}]}", "{\"Records\": [{\"dynamodb\": {\"Keys\": {\"id\": []}}}]}",
            "{\"Records\": [{\"dynamodb\": {\"StreamViewType\": null}}]}", "{\"Records\": [{\"dynamodb\": {\"StreamViewType\": \"keys_only\"}}]}",
            "{\"Records\": [{\"dynamodb\": {\"SizeBytes\": \"12\"}}]}", "{\"Records\": [{\"userIdentity\": []}]}",
            "{\"Records\": [{\"eventName\": [\"INSERT\"]}]}", "{\"Records\": []} []"})
    void refusesWhatIsNotADynamoDbStreamEvent(String json) {
        assertThatThrownBy(() -> byReader(json)).isInstanceOf(IOException.class);
    }

    @Test
    void namesTheRecordFieldAndAttributeItCannotRead() {
        String json = """
                {"Records": [{"eventID": "1", "dynamodb": {"SequenceNumber": "1"}},
                             {"eventID": "2", "dynamodb": {"SequenceNumber": "2", "NewImage": {"address": {"M": {"city": {"S": ["Lyon"]}}}}}}]}
                """;

        assertThatThrownBy(() -> byReader(json)).isInstanceOf(MalformedEventException.class)
                .hasMessage("record 1 of a DynamoDB stream event: dynamodb.NewImage.address: M.city: S must be a string, got an array");
    }
}
