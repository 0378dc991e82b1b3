package io.kinesishydrator.hydrate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.kinesishydrator.common.MalformedEventException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The events/ files of each intake, read by the intake readers and compared with the runtime's own event classes. */
class IntakeEventReadersTest {

    private static byte[] event(String file) throws IOException {
        try (InputStream input = IntakeEventReadersTest.class.getClassLoader().getResourceAsStream("events/" + file)) {
            return input.readAllBytes();
        }
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void tellsEachIntakeFromItsEventFile() throws IOException {
        assertThat(EventIntake.of(event("sns-onfailure-retries-exhausted.json"))).isEqualTo(EventIntake.SNS);
        assertThat(EventIntake.of(event("sqs-onfailure-kinesis.json"))).isEqualTo(EventIntake.SQS);
        assertThat(EventIntake.of(event("s3-onfailure-kinesis.json"))).isEqualTo(EventIntake.S3);
    }

    @Test
    void refusesAnEventItDoesNotKnowWithTheReason() {
        assertThatThrownBy(() -> EventIntake.of(event("kinesis-batch.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aws:kinesis");
        assertThatThrownBy(() -> EventIntake.of(json("{\"detail-type\":\"Scheduled Event\"}")))
                .hasMessageContaining("no Records");
        assertThatThrownBy(() -> EventIntake.of(json("null"))).hasMessageContaining("no Records");
        assertThatThrownBy(() -> EventIntake.of(json("{\"Records\":[{\"eventSource\":\"aws:sqs\"},{\"EventSource\":\"aws:sns\"}]}")))
                .hasMessageContaining("several sources");
    }

    @Test
    void readsTheSqsMessagesAsTheRuntimeDoes() throws IOException {
        SQSEvent byRuntime = EventLoader.loadSQSEvent("events/sqs-onfailure-kinesis.json");

        var messages = SqsEventReader.messages(new ByteArrayInputStream(event("sqs-onfailure-kinesis.json")));

        assertThat(messages).containsExactly(new SqsEventReader.QueuedMessage(byRuntime.getRecords().get(0).getMessageId(),
                byRuntime.getRecords().get(0).getBody()));
        assertThat(messages.get(0).body()).contains("KinesisBatchInfo");
    }

    @Test
    void aSqsRecordWithoutAMessageIdIsRefused() {
        assertThatThrownBy(() -> SqsEventReader.messages(new ByteArrayInputStream(json("{\"Records\":[{\"body\":\"{}\"}]}"))))
                .isInstanceOf(IOException.class).hasMessageContaining("messageId");
    }

    @Test
    void readsTheS3ObjectOfTheEventFile() throws IOException {
        S3Event byRuntime = EventLoader.loadS3Event("events/s3-onfailure-kinesis.json");

        var objects = S3EventReader.objects(new ByteArrayInputStream(event("s3-onfailure-kinesis.json")));

        assertThat(objects).containsExactly(new S3ObjectReference(byRuntime.getRecords().get(0).getS3().getBucket().getName(),
                byRuntime.getRecords().get(0).getS3().getObject().getUrlDecodedKey()));
        assertThat(objects.get(0).key()).startsWith("aws/lambda/").contains("/shardId-000000000000/2025/11/26/");
    }

    @Test
    void decodesTheUrlEncodedKey() throws IOException {
        var objects = S3EventReader.objects(new ByteArrayInputStream(json(
                "{\"Records\":[{\"eventSource\":\"aws:s3\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"a+b%2Fc%3Dd\"}}}]}")));

        assertThat(objects).containsExactly(new S3ObjectReference("b", "a b/c=d"));
    }

    @Test
    void aSqsBodyThatIsNotTextIsKeptAsItsJsonTextAndOtherFieldsAreSkipped() throws IOException {
        var messages = SqsEventReader.messages(new ByteArrayInputStream(json("""
                {"Records": [{"messageId": "m-1", "body": {"KinesisBatchInfo": [1]}, "attributes": "not a map", "md5OfBody": 5},
                             {"messageId": 42, "body": null, "messageAttributes": [[]]}]}
                """)));

        assertThat(messages).containsExactly(new SqsEventReader.QueuedMessage("m-1", "{\"KinesisBatchInfo\":[1]}"),
                new SqsEventReader.QueuedMessage("42", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"Records\":[null]}", "{\"Records\":[{\"messageId\":[\"m-1\"],\"body\":\"{}\"}]}",
            "{\"Records\":[{\"messageId\":\"m-1\"}]} []", "{\"Records\":{\"messageId\":\"m-1\"}}", "{\"Records\":[{\"messageId\":\"m-1\""})
    void refusesWhatIsNotAnSqsEvent(String event) {
        assertThatThrownBy(() -> SqsEventReader.messages(new ByteArrayInputStream(json(event)))).isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"Records\":[null]}", "{\"Records\":[{\"s3\":{\"bucket\":[],\"object\":{\"key\":\"k\"}}}]}",
            "{\"Records\":[{\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":{}}}}]}",
            "{\"Records\":[{\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"k\"}}}]} x"})
    void refusesWhatIsNotAnS3Event(String event) {
        assertThatThrownBy(() -> S3EventReader.objects(new ByteArrayInputStream(json(event)))).isInstanceOf(IOException.class);
    }

    @Test
    void anEventSourceOfTheWrongTypeIsRefusedWithTheRecordAndField() {
        assertThatThrownBy(() -> EventIntake.of(json("{\"Records\":[{\"eventSource\":\"aws:sqs\"},{\"eventSource\":[\"aws:sqs\"]}]}")))
                .isInstanceOf(MalformedEventException.class).hasMessage("record 1 of an event: eventSource must be a string, got an array");
    }
}
