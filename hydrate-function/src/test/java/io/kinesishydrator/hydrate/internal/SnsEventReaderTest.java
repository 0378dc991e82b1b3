package io.kinesishydrator.hydrate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reader finds exactly the messages the Lambda runtime's own serializers put in an {@link SNSEvent}. */
class SnsEventReaderTest {

    private static List<String> byRuntime(String json) {
        SNSEvent event = LambdaEventSerializers.serializerFor(SNSEvent.class, SnsEventReaderTest.class.getClassLoader()).fromJson(json);
        return event.getRecords().stream()
                .map(record -> record == null || record.getSNS() == null ? null : record.getSNS().getMessage())
                .toList();
    }

    private static List<String> byReader(String json) throws IOException {
        return SnsEventReader.messages(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sns-onfailure-retries-exhausted.json", "sns-onfailure-record-age-exceeded.json",
            "sns-onfailure-two-records.json", "sns-onfailure-dynamodb-stream.json"})
    void readsTheEventFilesAsTheRuntimeDoes(String file) throws IOException {
        String json = Files.readString(Path.of("..", "events", file));

        List<String> messages = byReader(json);

        assertThat(messages).isNotEmpty().isEqualTo(byRuntime(json));
        assertThat(messages.get(0)).startsWith("{\"requestContext\"");
    }

    @Test
    void readsEscapesMissingMessagesAndUnknownFieldsAsTheRuntimeDoes() throws IOException {
        String json = """
                {"Records": [
                  {"EventSource": "aws:sns", "Sns": {"Type": "Notification", "Message": "caf\\u00e9 \\"quoted\\" \\n line",
                   "MessageAttributes": {"a": {"Type": "String", "Value": "x"}}, "Subject": null}},
                  {"EventSource": "aws:sns", "Sns": {"Type": "Notification", "Message": null}},
                  {"EventSource": "aws:sns", "Sns": {"Type": "Notification"}},
                  {"EventSource": "aws:sns", "Future": [1, {"deep": true}]}
                ], "extra": {"x": 1}}
                """;

        List<String> messages = byReader(json);

        assertThat(messages).isEqualTo(byRuntime(json));
        assertThat(messages.get(0)).isEqualTo("café \"quoted\" \n line");
        assertThat(messages.subList(1, 4)).containsOnlyNulls();
    }

    @Test
    void readsNoMessagesFromNoEventOrNoRecords() throws IOException {
        assertThat(byReader("null")).isEmpty();
        assertThat(byReader("")).isEmpty();
        assertThat(byReader("{}")).isEmpty();
        assertThat(byReader("{\"Records\": null}")).isEmpty();
        assertThat(byReader("{\"Records\": []}")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "{\"Records\": {}}", "{\"Records\": [1]}", "{\"Records\": [{\"Sns\": ",
            "[]", "{\"Records\": [[]]}", "{\"Records\": [{\"Sns\": []}]}", "{\"Records\": [{\"Sns\": \"text\"}]}",
            "{\"Records\": []} x", "{\"Records\": [{\"Sns\": {\"Message\": \"m\"}}]} {}"})
    void refusesWhatIsNotAnSnsEvent(String json) {
        assertThatThrownBy(() -> byReader(json)).isInstanceOf(IOException.class);
    }

    @Test
    void keepsAMessageThatIsNotTextAsItsJsonText() throws IOException {
        String json = """
                {"Records": [
                  {"Sns": {"Message": {"KinesisBatchInfo": {"shardId": "shardId-0", "batchSize": 2}}}},
                  {"Sns": {"Message": ["a", {"b": null}]}},
                  {"Sns": {"Message": 12.50}},
                  {"Sns": {"Message": false}},
                  {"Sns": {"Message": "null"}}
                ]}
                """;

        assertThat(byReader(json)).containsExactly("{\"KinesisBatchInfo\":{\"shardId\":\"shardId-0\",\"batchSize\":2}}",
                "[\"a\",{\"b\":null}]", "12.50", "false", "null");
    }

    @Test
    void aFieldTheHydrateDoesNotUseFailsNoEventWhateverItHolds() throws IOException {
        String json = """
                {"Records": [
                  {"EventSource": "aws:sns", "EventSubscriptionArn": {"x": [1]},
                   "Sns": {"Subject": ["not", "text"], "Message": "first", "MessageAttributes": "no map", "Timestamp": 17}},
                  {"EventSource": "aws:sns", "Sns": {"Subject": {"S": 1}, "Message": "second", "Signature": "\\ud800"}}
                ]}
                """;

        assertThat(byReader(json)).containsExactly("first", "second");
    }

    @Test
    void bytesThatAreNotUtf8InASubjectFailNoEvent() throws IOException {
        byte[] head = "{\"Records\": [{\"EventSource\": \"aws:sns\", \"Sns\": {\"Subject\": \"".getBytes(StandardCharsets.UTF_8);
        byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};
        byte[] tail = "\", \"Message\": \"caf\u00e9\"}}]}".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream event = new ByteArrayOutputStream();
        event.writeBytes(head);
        event.writeBytes(notUtf8);
        event.writeBytes(tail);

        assertThat(SnsEventReader.messages(new ByteArrayInputStream(event.toByteArray()))).containsExactly("caf\u00e9");
        assertThat(EventIntake.of(event.toByteArray())).isEqualTo(EventIntake.SNS);
    }
}
