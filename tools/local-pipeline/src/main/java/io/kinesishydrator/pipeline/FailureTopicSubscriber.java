package io.kinesishydrator.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Plays Lambda's SNS subscription of the hydrate function. The SNS emulator delivers the failure topic's
 * notifications, in their real SNS envelope, to a queue; each one becomes the SNS event Lambda would send, and
 * the hydrate is invoked asynchronously: after its retries (two, as EventInvokeConfig sets) a still failing
 * invocation's record goes to its OnFailure destination, the dead-letter queue, in Lambda's format.
 */
final class FailureTopicSubscriber {
    private static final JsonFactory JSON_FACTORY = new JsonFactory();
    private static final int ASYNC_RETRIES = 2;

    private final SqsClient snsDeliveries;
    private final String deliveryQueueUrl;
    private final String subscriptionArn;
    private final LambdaInvoker hydrate;
    private final SqsClient deadLetters;
    private final String deadLetterQueueUrl;

    FailureTopicSubscriber(SqsClient snsDeliveries, String deliveryQueueUrl, String subscriptionArn,
                           LambdaInvoker hydrate, SqsClient deadLetters, String deadLetterQueueUrl) {
        this.snsDeliveries = snsDeliveries;
        this.deliveryQueueUrl = deliveryQueueUrl;
        this.subscriptionArn = subscriptionArn;
        this.hydrate = hydrate;
        this.deadLetters = deadLetters;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
    }

    /** What became of the notifications handled in one {@link #deliverPending()} call. */
    record Delivered(int notifications, int hydrateFailures) {
    }

    /** Delivers every notification waiting now; returns how many there were. */
    Delivered deliverPending() {
        int notifications = 0;
        int failures = 0;
        while (true) {
            List<Message> messages = snsDeliveries.receiveMessage(request -> request.queueUrl(deliveryQueueUrl)
                    .maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return new Delivered(notifications, failures);
            }
            for (Message message : messages) {
                failures += invokeHydrate(lambdaEvent(message.body())) ? 0 : 1;
                notifications++;
                snsDeliveries.deleteMessage(request -> request.queueUrl(deliveryQueueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    private boolean invokeHydrate(String event) {
        LambdaInvoker.Result result = null;
        for (int attempt = 0; attempt <= ASYNC_RETRIES; attempt++) {
            result = hydrate.invoke(event);
            if (!result.failed()) {
                return true;
            }
        }
        String record = asyncFailureRecord(event, result.functionError());
        deadLetters.sendMessage(request -> request.queueUrl(deadLetterQueueUrl).messageBody(record));
        return false;
    }

    /** The SNS event Lambda builds from a notification envelope (note its own spelling of two URL fields). */
    private String lambdaEvent(String envelopeJson) {
        Map<String, Object> envelope;
        try {
            envelope = JSON.std.mapFrom(envelopeJson);
        } catch (IOException notJson) {
            throw new IllegalStateException("the SNS emulator delivered something that is not an SNS envelope: " + envelopeJson, notJson);
        }
        StringWriter text = new StringWriter(envelopeJson.length() + 512);
        try (JsonGenerator json = JSON_FACTORY.createGenerator(text)) {
            json.writeStartObject();
            json.writeArrayFieldStart("Records");
            json.writeStartObject();
            json.writeStringField("EventSource", "aws:sns");
            json.writeStringField("EventVersion", "1.0");
            json.writeStringField("EventSubscriptionArn", subscriptionArn);
            json.writeObjectFieldStart("Sns");
            for (String field : List.of("Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp",
                    "SignatureVersion", "Signature")) {
                json.writeStringField(field, (String) envelope.get(field));
            }
            json.writeStringField("SigningCertUrl", (String) envelope.get("SigningCertURL"));
            json.writeStringField("UnsubscribeUrl", (String) envelope.get("UnsubscribeURL"));
            json.writeFieldName("MessageAttributes");
            json.writeRawValue(JSON.std.asString(envelope.getOrDefault("MessageAttributes", Map.of())));
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return text.toString();
    }

    /** Lambda's record of an asynchronous invocation that failed after its retries. */
    private static String asyncFailureRecord(String event, Throwable error) {
        StringWriter text = new StringWriter(event.length() + 512);
        try (JsonGenerator json = JSON_FACTORY.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("version", "1.0");
            json.writeStringField("timestamp", Instant.now().toString());
            json.writeObjectFieldStart("requestContext");
            json.writeStringField("requestId", UUID.randomUUID().toString());
            json.writeStringField("functionArn", "arn:aws:lambda:us-east-1:000000000000:function:HydrateFunction:live");
            json.writeStringField("condition", "RetriesExhausted");
            json.writeNumberField("approximateInvokeCount", ASYNC_RETRIES + 1);
            json.writeEndObject();
            json.writeFieldName("requestPayload");
            json.writeRawValue(event);
            json.writeObjectFieldStart("responseContext");
            json.writeNumberField("statusCode", 200);
            json.writeStringField("executedVersion", "$LATEST");
            json.writeStringField("functionError", "Unhandled");
            json.writeEndObject();
            json.writeObjectFieldStart("responsePayload");
            json.writeStringField("errorMessage", error.getMessage());
            json.writeStringField("errorType", error.getClass().getName());
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return text.toString();
    }
}
