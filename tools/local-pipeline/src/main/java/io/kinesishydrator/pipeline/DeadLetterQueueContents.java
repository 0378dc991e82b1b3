package io.kinesishydrator.pipeline;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What the dead-letter queue holds, read without consuming it: messages are received, hidden while the read goes
 * on so none is read twice, then made visible again at once, so the AWS CLI and the redrive tool find them all.
 */
final class DeadLetterQueueContents {
    private static final int VISIBILITY_SECONDS = 10;

    /** One hydrated record: where it was and its text (or a note that it is binary or truncated). */
    record HydratedRecord(String sequenceNumber, String partitionKey, String text) {
    }

    /** One dead-letter message of the hydrate's schema; {@code parts} is on a batch's last message only, else null. */
    record HydratedMessage(String batchKey, String shardId, String condition, int part, Integer parts, String status,
                           String reason, List<HydratedRecord> records) {
    }

    private final List<String> bodies = new ArrayList<>();
    private final List<HydratedMessage> hydrated = new ArrayList<>();
    private int otherMessages;

    static DeadLetterQueueContents read(SqsClient sqs, String queueUrl, Duration timeout) {
        DeadLetterQueueContents contents = new DeadLetterQueueContents();
        Map<String, String> receiptHandles = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> batch = sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(VISIBILITY_SECONDS).waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                break;
            }
            for (Message message : batch) {
                if (receiptHandles.putIfAbsent(message.messageId(), message.receiptHandle()) == null) {
                    contents.add(message.body());
                }
            }
        }
        makeVisible(sqs, queueUrl, List.copyOf(receiptHandles.values()));
        return contents;
    }

    private static void makeVisible(SqsClient sqs, String queueUrl, List<String> receiptHandles) {
        for (int from = 0; from < receiptHandles.size(); from += 10) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (String receiptHandle : receiptHandles.subList(from, Math.min(from + 10, receiptHandles.size()))) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                        .receiptHandle(receiptHandle).visibilityTimeout(0).build());
            }
            sqs.changeMessageVisibilityBatch(request -> request.queueUrl(queueUrl).entries(entries));
        }
    }

    @SuppressWarnings("unchecked")
    private void add(String body) {
        bodies.add(body);
        Map<String, Object> json;
        try {
            json = JSON.std.mapFrom(body);
        } catch (IOException notJson) {
            otherMessages++;
            return;
        }
        if (!(json.get("hydration") instanceof Map<?, ?> hydration) || !(json.get("records") instanceof List<?> records)) {
            otherMessages++;
            return;
        }
        Map<String, Object> batchInfo = (Map<String, Object>) json.getOrDefault("KinesisBatchInfo",
                json.getOrDefault("DDBStreamBatchInfo", Map.of()));
        Map<String, Object> requestContext = (Map<String, Object>) json.getOrDefault("requestContext", Map.of());
        List<HydratedRecord> hydratedRecords = new ArrayList<>();
        for (Object item : records) {
            Map<String, Object> record = (Map<String, Object>) item;
            hydratedRecords.add(new HydratedRecord((String) record.get("sequenceNumber"), partitionKeyOf(record), textOf(record)));
        }
        hydrated.add(new HydratedMessage((String) hydration.get("batchKey"), (String) batchInfo.get("shardId"),
                (String) requestContext.get("condition"), (Integer) hydration.get("part"), (Integer) hydration.get("parts"),
                (String) hydration.get("status"), (String) hydration.get("reason"), hydratedRecords));
    }

    /** A Kinesis record's partition key; a DynamoDB stream record's key values, which place it as a partition key would. */
    private static String partitionKeyOf(Map<String, Object> record) {
        if (record.get("keys") instanceof Map<?, ?> keys) {
            return keys.values().stream().map(String::valueOf).collect(Collectors.joining("|"));
        }
        return (String) record.get("partitionKey");
    }

    /**
     * A record's bytes as text: its {@code text}, or its base64 {@code data} decoded when that is UTF-8 (the
     * hydrate writes UTF-8 as {@code data} when its escaped text would not fit a message); a DynamoDB stream
     * record's change: its event name and its keys and images in DynamoDB JSON.
     */
    private static String textOf(Map<String, Object> record) {
        if (record.get("text") instanceof String text) {
            return text;
        }
        if (record.get("dynamodb") instanceof Map<?, ?> change) {
            try {
                return record.get("eventName") + " " + JSON.std.asString(change);
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        if (!(record.get("data") instanceof String base64)) {
            return "(truncated)";
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Base64.getDecoder().decode(base64))).toString();
        } catch (CharacterCodingException notUtf8) {
            return "(binary)";
        }
    }

    /** Every message's body as it is in the queue, in the order received. */
    List<String> bodies() {
        return bodies;
    }

    List<HydratedMessage> hydrated() {
        return hydrated;
    }

    /** Messages not in the hydrate's schema: unparseable notifications, failed hydrate invocations. */
    int otherMessages() {
        return otherMessages;
    }

    Set<String> sequenceNumbers() {
        Set<String> sequenceNumbers = new LinkedHashSet<>();
        hydrated.forEach(message -> message.records().forEach(record -> sequenceNumbers.add(record.sequenceNumber())));
        return sequenceNumbers;
    }

    /** The number of distinct failed batches (parts of one batch count once). */
    int batches() {
        Map<String, Boolean> keys = new LinkedHashMap<>();
        hydrated.forEach(message -> keys.put(message.batchKey(), Boolean.TRUE));
        return keys.size();
    }
}
