package io.kinesishydrator.hydrate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FailureNotificationParserTest {
    private final FailureNotificationParser parser = new FailureNotificationParser();

    private static List<String> messagesIn(String eventFile) {
        SNSEvent event = EventLoader.loadSNSEvent(eventFile);
        return event.getRecords().stream().map(record -> record.getSNS().getMessage()).toList();
    }

    @Test
    void parsesARetryAttemptsExhaustedRecord() throws Exception {
        FailureNotification notification = parser.parse(messagesIn("events/sns-onfailure-retries-exhausted.json").get(0));

        assertThat(notification.requestContext().condition()).isEqualTo("RetryAttemptsExhausted");
        assertThat(notification.requestContext().approximateInvokeCount()).isEqualTo(4);
        assertThat(notification.responseContext().statusCode()).isEqualTo(200);
        assertThat(notification.responseContext().functionError()).isNull();
        assertThat(notification.version()).isEqualTo("1.0");
        assertThat(notification.timestamp()).isEqualTo("2025-11-26T21:03:11.502Z");
        StreamBatchInfo batch = notification.batchInfo();
        assertThat(batch.shardId()).isEqualTo("shardId-000000000000");
        assertThat(batch.startSequenceNumber()).hasSize(56);
        assertThat(batch.start()).isLessThan(batch.end());
        assertThat(batch.batchSize()).isEqualTo(2);
        assertThat(batch.streamArn()).isEqualTo("arn:aws:kinesis:us-east-1:123456789012:stream/orders");
        assertThat(batch.approximateArrivalOfFirstRecord()).isEqualTo("2025-11-26T20:46:41.123Z");
        assertThat(batch.approximateArrivalOfLastRecord()).isEqualTo("2025-11-26T20:46:42.123Z");
    }

    @Test
    void parsesARecordAgeExceededRecordWithoutResponseContext() throws Exception {
        FailureNotification notification = parser.parse(messagesIn("events/sns-onfailure-record-age-exceeded.json").get(0));

        assertThat(notification.requestContext().condition()).isEqualTo("RecordAgeExceeded");
        assertThat(notification.responseContext()).isNull();
        assertThat(notification.batchInfo().batchSize()).isEqualTo(4);
    }

    @Test
    void parsesEveryRecordOfAMultiRecordEvent() throws Exception {
        List<String> messages = messagesIn("events/sns-onfailure-two-records.json");

        assertThat(messages).hasSize(2);
        assertThat(parser.parse(messages.get(0)).requestContext().condition()).isEqualTo("RetryAttemptsExhausted");
        assertThat(parser.parse(messages.get(1)).requestContext().condition()).isEqualTo("RecordAgeExceeded");
    }

    @Test
    void parsesADynamoDbStreamRecord() throws Exception {
        FailureNotification notification = parser.parse(messagesIn("events/sns-onfailure-dynamodb-stream.json").get(0));

        StreamBatchInfo batch = notification.batchInfo();
        assertThat(batch.streamType()).isEqualTo(StreamType.DYNAMODB_STREAMS);
        assertThat(batch.shardId()).isEqualTo("shardId-00000001732654800000-6a1f2b3c");
        assertThat(batch.startSequenceNumber()).isEqualTo("400000000012345678901");
        assertThat(batch.end()).isGreaterThan(batch.start());
        assertThat(batch.batchSize()).isEqualTo(3);
        assertThat(batch.streamArn()).isEqualTo("arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2025-11-20T09:12:44.381");
        // DynamoDB's arrival times have whole seconds; they pass through as text.
        assertThat(batch.approximateArrivalOfFirstRecord()).isEqualTo("2025-11-26T20:47:01Z");
        assertThat(notification.requestContext().condition()).isEqualTo("RetryAttemptsExhausted");
    }

    @Test
    void namesTheSourceOfAKinesisRecord() throws Exception {
        assertThat(parser.parse(messagesIn("events/sns-onfailure-retries-exhausted.json").get(0)).batchInfo().streamType())
                .isEqualTo(StreamType.KINESIS);
    }

    @Test
    void keepsTheTextAsReceivedAndIgnoresUnknownFields() throws Exception {
        String message = "{\"newField\":{\"x\":[1]},\"KinesisBatchInfo\":{\"shardId\":\"shardId-1\",\"startSequenceNumber\":\"1\","
                + "\"endSequenceNumber\":\"1\",\"streamArn\":\"arn:aws:kinesis:eu-west-1:123456789012:stream/s\",\"extra\":true}}";

        FailureNotification notification = parser.parse(message);

        assertThat(notification.json()).isEqualTo(message);
        assertThat(notification.requestContext()).isNull();
        assertThat(notification.batchInfo().batchSize()).isNull();
    }

    @Test
    void keepsAConditionItDoesNotKnowAsWrittenAndAnExplicitNullFunctionError() throws Exception {
        String message = "{\"requestContext\":{\"condition\":\"PayloadTooLarge\",\"approximateInvokeCount\":1},"
                + "\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"$LATEST\",\"functionError\":null},"
                + "\"KinesisBatchInfo\":{\"shardId\":\"shardId-1\",\"startSequenceNumber\":\"1\","
                + "\"endSequenceNumber\":\"2\",\"streamArn\":\"arn:aws:kinesis:eu-west-1:123456789012:stream/s\"}}";

        FailureNotification notification = parser.parse(message);

        assertThat(notification.requestContext().condition()).isEqualTo("PayloadTooLarge");
        assertThat(notification.responseContext().functionError()).isNull();
        assertThat(notification.responseContext().statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json", "[1,2]", "\"text\"", "{\"KinesisBatchInfo\":", "{\"a\":1} {\"b\":2}", "{\"a\":1} trailing",
            "null", " null ", "12", "1.5", "true", "[]", "[{\"KinesisBatchInfo\":{}}]"})
    void rejectsWhatIsNotAJsonObject(String message) {
        assertThatThrownBy(() -> parser.parse(message)).isInstanceOf(MalformedNotificationException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"requestContext\":{}}|has no KinesisBatchInfo or DDBStreamBatchInfo",
            "{\"DDBStreamBatchInfo\":\"x\"}|DDBStreamBatchInfo must be a JSON object",
            "{\"KinesisBatchInfo\":{},\"DDBStreamBatchInfo\":{}}|has both KinesisBatchInfo and DDBStreamBatchInfo",
            "{\"DDBStreamBatchInfo\":{\"shardId\":\"s\",\"startSequenceNumber\":\"1\",\"endSequenceNumber\":\"2\",\"streamArn\":\"arn:aws:kinesis:us-east-1:123456789012:stream/s\"}}|streamArn is not a DynamoDB stream ARN",
            "{\"KinesisBatchInfo\":{\"shardId\":\"s\",\"startSequenceNumber\":\"1\",\"endSequenceNumber\":\"2\",\"streamArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2025-01-01T00:00:00.000\"}}|streamArn is not a Kinesis stream ARN",
            "{\"DDBStreamBatchInfo\":{\"shardId\":\"s\",\"startSequenceNumber\":\"9\",\"endSequenceNumber\":\"2\",\"streamArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2025-01-01T00:00:00.000\"}}|DDBStreamBatchInfo startSequenceNumber 9 is after endSequenceNumber 2",
            "{\"DDBStreamBatchInfo\":{\"startSequenceNumber\":\"1\",\"endSequenceNumber\":\"2\",\"streamArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2025-01-01T00:00:00.000\"}}|DDBStreamBatchInfo shardId must be a non-empty string",
            "{\"KinesisBatchInfo\":[]}|KinesisBatchInfo must be a JSON object",
            "{\"KinesisBatchInfo\":{\"startSequenceNumber\":\"1\",\"endSequenceNumber\":\"2\",\"streamArn\":\"arn:aws:kinesis:us-east-1:123456789012:stream/s\"}}|shardId must be a non-empty string",
            "{\"KinesisBatchInfo\":{\"shardId\":7,\"startSequenceNumber\":\"1\",\"endSequenceNumber\":\"2\",\"streamArn\":\"arn:aws:kinesis:us-east-1:123456789012:stream/s\"}}|shardId must be a non-empty string",
            "{\"KinesisBatchInfo\":{\"shardId\":\"s\",\"startSequenceNumber\":\"12a\",\"endSequenceNumber\":\"2\",\"streamArn\":\"arn:aws:kinesis:us-east-1:123456789012:stream/s\"}}|startSequenceNumber must be a decimal sequence number",
            "{\"KinesisBatchInfo\":{\"shardId\":\"s\",\"startSequenceNumber\":\"1\",\"endSequenceNumber\":-2,\"streamArn\":\"arn:aws:kinesis:us-east-1:123456789012:stream/s\"}}|endSequenceNumber must be a decimal sequence number",
            "{\"KinesisBatchInfo\":{\"shardId\":\"s\",\"startSequenceNumber\":\"1\",\"streamArn\":\"arn:aws:kinesis:us-east-1:123456789012:stream/s\"}}|endSequenceNumber must be a decimal sequence number",
            "{\"KinesisBatchInfo\":{\"shardId\":\"s\",\"startSequenceNumber\":\"30\",\"endSequenceNumber\":\"4\",\"streamArn\":\"arn:aws:kinesis:us-east-1:123456789012:stream/s\"}}|startSequenceNumber 30 is after endSequenceNumber 4",
            "{\"KinesisBatchInfo\":{\"shardId\":\"s\",\"startSequenceNumber\":\"1\",\"endSequenceNumber\":\"2\",\"streamArn\":\"arn:aws:sqs:us-east-1:123456789012:q\"}}|streamArn is not a Kinesis stream ARN",
            "{\"KinesisBatchInfo\":{\"shardId\":\"s\",\"startSequenceNumber\":\"1\",\"endSequenceNumber\":\"2\",\"batchSize\":\"two\",\"streamArn\":\"arn:aws:kinesis:us-east-1:123456789012:stream/s\"}}|batchSize must be a whole number",
    })
    void rejectsARecordItCannotHydrateWithTheReason(String message, String reason) {
        assertThatThrownBy(() -> parser.parse(message))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void acceptsSequenceNumbersWrittenAsJsonNumbers() throws Exception {
        FailureNotification notification = parser.parse("{\"KinesisBatchInfo\":{\"shardId\":\"s\",\"startSequenceNumber\":"
                + "49656816489405378913405238405437897829102938471029384756,\"endSequenceNumber\":49656816489405378913405238405437897829102938471029384757,"
                + "\"streamArn\":\"arn:aws:kinesis:us-east-1:123456789012:stream/s\"}}");

        assertThat(notification.batchInfo().endSequenceNumber()).isEqualTo("49656816489405378913405238405437897829102938471029384757");
    }
}
