package io.kinesishydrator.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.local.Fauxqs;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * An SNS topic as the OnFailure destination, on fauxqs, with Lambda's SNS subscription of the hydrate played:
 * the emulator delivers the topic's notifications, in their real SNS envelope, to a queue; each one becomes the
 * SNS event Lambda would send, and the hydrate is invoked asynchronously.
 */
final class FailureTopic implements OnFailureDestination {
    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    private final Fauxqs server;
    private final SnsClient sns;
    private final SqsClient deliveries;
    private final String topicArn;
    private final String deliveryQueueUrl;
    private final String subscriptionArn;
    private final HydrateFunction hydrate;

    private FailureTopic(Fauxqs server, HydrateFunction hydrate) {
        this.server = server;
        this.sns = server.snsClient();
        this.deliveries = server.sqsClient();
        this.topicArn = server.createTopic(PlayedResources.FAILURE_NAME);
        this.deliveryQueueUrl = server.createQueue("hydrate-function-subscription");
        this.subscriptionArn = server.subscribe(topicArn, deliveryQueueUrl);
        this.hydrate = hydrate;
    }

    /** Starts fauxqs (on {@code port}, or a free one for 0) with the topic and the hydrate's subscription. */
    static FailureTopic start(int port, HydrateFunction hydrate) {
        Fauxqs server = port > 0 ? Fauxqs.start(port) : Fauxqs.start();
        try {
            return new FailureTopic(server, hydrate);
        } catch (RuntimeException failed) {
            server.close();
            throw failed;
        }
    }

    @Override
    public OnFailureDestinationType type() {
        return OnFailureDestinationType.SNS;
    }

    @Override
    public void send(DiscardedBatch batch) {
        sns.publish(request -> request.topicArn(topicArn).message(batch.onFailureRecord()));
    }

    @Override
    public Delivered deliverPending() {
        int notifications = 0;
        int failures = 0;
        while (true) {
            List<Message> messages = deliveries.receiveMessage(request -> request.queueUrl(deliveryQueueUrl)
                    .maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return new Delivered(notifications, failures);
            }
            for (Message message : messages) {
                failures += hydrate.invokeAsynchronously(lambdaEvent(message.body())) ? 0 : 1;
                notifications++;
                deliveries.deleteMessage(request -> request.queueUrl(deliveryQueueUrl).receiptHandle(message.receiptHandle()));
            }
        }
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

    @Override
    public List<String> endpoints() {
        return List.of("SNS (fauxqs)            " + server.endpoint() + "   failure topic " + topicArn);
    }

    @Override
    public void close() {
        sns.close();
        deliveries.close();
        server.close();
    }
}
