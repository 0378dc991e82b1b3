package io.kinesishydrator.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The baseline: a port of the well-known one-call hydrate. It takes the OnFailure record's shard and start
 * sequence number, gets one {@code AT_SEQUENCE_NUMBER} iterator and makes ONE {@code GetRecords} call with
 * {@code Limit = batchSize}, then sends each record it got to the queue as a message of its own. It does not
 * follow {@code NextShardIterator}, so a range larger than one page (10,000 records or 10 MiB on Kinesis, or
 * whatever a server returns) comes back short, without saying so.
 *
 * <p>The one liberty taken is in its favour: messages go 10 to a {@code SendMessageBatch}, SQS's maximum,
 * instead of one {@code SendMessage} each, so its send calls are the fewest it could make.
 */
final class OneCallHydrate {
    private static final int SQS_BATCH_ENTRIES = 10;

    private final KinesisClient kinesis;
    private final SqsClient sqs;
    private final String queueUrl;

    OneCallHydrate(KinesisClient kinesis, SqsClient sqs, String queueUrl) {
        this.kinesis = kinesis;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Hydrates one OnFailure record; returns how many records it read. */
    int hydrate(String notification) throws IOException {
        Map<String, Object> batch = batchInfo(notification);
        String iterator = kinesis.getShardIterator(request -> request
                .streamARN((String) batch.get("streamArn"))
                .shardId((String) batch.get("shardId"))
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                .startingSequenceNumber((String) batch.get("startSequenceNumber"))).shardIterator();
        List<Record> records = kinesis.getRecords(request -> request
                .streamARN((String) batch.get("streamArn"))
                .shardIterator(iterator)
                .limit(((Number) batch.get("batchSize")).intValue())).records();
        send(records);
        return records.size();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> batchInfo(String notification) throws IOException {
        return (Map<String, Object>) JSON.std.mapFrom(notification).get("KinesisBatchInfo");
    }

    private void send(List<Record> records) throws IOException {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(SQS_BATCH_ENTRIES);
        for (Record record : records) {
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(entries.size())).messageBody(body(record)).build());
            if (entries.size() == SQS_BATCH_ENTRIES) {
                sendBatch(entries);
            }
        }
        if (!entries.isEmpty()) {
            sendBatch(entries);
        }
    }

    private void sendBatch(List<SendMessageBatchRequestEntry> entries) {
        var response = sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
        if (!response.failed().isEmpty()) {
            throw new IllegalStateException("the queue refused " + response.failed().size() + " messages: " + response.failed().get(0));
        }
        entries.clear();
    }

    private static String body(Record record) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sequenceNumber", record.sequenceNumber());
        body.put("partitionKey", record.partitionKey());
        body.put("data", Base64.getEncoder().encodeToString(record.data().asByteArrayUnsafe()));
        return JSON.std.asString(body);
    }
}
