package io.kinesishydrator.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.kinesishydrator.local.ElasticMq;
import io.kinesishydrator.local.LocalCredentials;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * An SQS queue as the OnFailure destination, on the ElasticMQ that holds the dead-letter queue, with the hydrate's
 * SQS event source mapping played as hydrator/template.yaml sets it ({@code BatchSize} 10,
 * {@code ReportBatchItemFailures}): a batch from ReceiveMessage becomes Lambda's SQS event; the messages the
 * response does not name are deleted, the named ones are left to come back when their visibility timeout ends. A
 * function error, or a response naming a message not in the batch, leaves the whole batch.
 */
final class FailureQueue implements OnFailureDestination {
    private static final String QUEUE_NAME = PlayedResources.FAILURE_NAME;
    private static final int BATCH_SIZE = 10;
    // Short, so that a message the hydrate failed on comes back within the run; AWS's queue keeps it hidden longer.
    private static final int VISIBILITY_TIMEOUT_SECONDS = 2;
    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    private final ElasticMq server;
    private final SqsClient sqs;
    private final String queueUrl;
    private final HydrateFunction hydrate;

    FailureQueue(ElasticMq server, HydrateFunction hydrate) {
        this.server = server;
        this.sqs = server.client();
        this.queueUrl = server.createQueue(QUEUE_NAME);
        this.hydrate = hydrate;
    }

    @Override
    public OnFailureDestinationType type() {
        return OnFailureDestinationType.SQS;
    }

    @Override
    public void send(DiscardedBatch batch) {
        sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(batch.onFailureRecord()));
    }

    @Override
    public Delivered deliverPending() {
        int hydrated = 0;
        int failures = 0;
        while (true) {
            List<Message> batch = sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(BATCH_SIZE)
                    .visibilityTimeout(VISIBILITY_TIMEOUT_SECONDS).messageSystemAttributeNamesWithStrings("All")
                    .waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return new Delivered(hydrated, failures);
            }
            Set<String> failed = failedItems(batch, hydrate.invoke(lambdaEvent(batch)));
            for (Message message : batch) {
                if (!failed.contains(message.messageId())) {
                    sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    hydrated++;
                }
            }
            failures += failed.size();
        }
    }

    /** The ids of the messages to deliver again: those the response names, or all after a function error or a bad response. */
    private static Set<String> failedItems(List<Message> batch, LambdaInvoker.Result result) {
        Set<String> all = new HashSet<>(batch.stream().map(Message::messageId).toList());
        if (result.failed()) {
            return all;
        }
        try {
            Set<String> named = new HashSet<>(BatchItemFailures.identifiers(result.response()));
            return all.containsAll(named) ? named : all;
        } catch (IllegalArgumentException invalid) {
            return all;
        }
    }

    /** Lambda's SQS event for a batch of received messages. */
    private String lambdaEvent(List<Message> batch) {
        StringWriter text = new StringWriter(batch.size() * 2048);
        try (JsonGenerator json = JSON_FACTORY.createGenerator(text)) {
            json.writeStartObject();
            json.writeArrayFieldStart("Records");
            for (Message message : batch) {
                writeRecord(json, message);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return text.toString();
    }

    private static void writeRecord(JsonGenerator json, Message message) throws IOException {
        json.writeStartObject();
        json.writeStringField("messageId", message.messageId());
        json.writeStringField("receiptHandle", message.receiptHandle());
        json.writeStringField("body", message.body());
        json.writeObjectFieldStart("attributes");
        for (Map.Entry<String, String> attribute : message.attributesAsStrings().entrySet()) {
            json.writeStringField(attribute.getKey(), attribute.getValue());
        }
        json.writeEndObject();
        json.writeObjectFieldStart("messageAttributes");
        json.writeEndObject();
        json.writeStringField("md5OfBody", message.md5OfBody());
        json.writeStringField("eventSource", "aws:sqs");
        json.writeStringField("eventSourceARN", "arn:aws:sqs:" + LocalCredentials.REGION.id() + ":000000000000:" + QUEUE_NAME);
        json.writeStringField("awsRegion", LocalCredentials.REGION.id());
        json.writeEndObject();
    }

    @Override
    public List<String> endpoints() {
        return List.of("SQS (ElasticMQ)         " + server.endpoint() + "   failure queue " + queueUrl);
    }

    /** Closes its client only: the server is the pipeline's, which holds the dead-letter queue too. */
    @Override
    public void close() {
        sqs.close();
    }
}
