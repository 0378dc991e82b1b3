package io.kinesishydrator.testsupport;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OnFailure record a Kinesis or DynamoDB stream event source mapping publishes, in AWS' format, built field
 * by field as it reads ({@code OnFailureRecords.kinesis().streamArn(arn).covering(range).json()}); and the SNS
 * event that carries such records, starting from the events/ file {@code sam local invoke} uses. Immutable:
 * each step returns a new builder.
 */
public final class OnFailureRecords {
    public static final String RETRY_ATTEMPTS_EXHAUSTED = "RetryAttemptsExhausted";
    public static final String RECORD_AGE_EXCEEDED = "RecordAgeExceeded";

    private final String batchInfoField;
    private final String condition;
    private final String streamArn;
    private final String shardId;
    private final String startSequenceNumber;
    private final String endSequenceNumber;
    private final int batchSize;

    private OnFailureRecords(String batchInfoField, String condition, String streamArn, String shardId,
                             String startSequenceNumber, String endSequenceNumber, int batchSize) {
        this.batchInfoField = batchInfoField;
        this.condition = condition;
        this.streamArn = streamArn;
        this.shardId = shardId;
        this.startSequenceNumber = startSequenceNumber;
        this.endSequenceNumber = endSequenceNumber;
        this.batchSize = batchSize;
    }

    /** A Kinesis stream's record ({@code KinesisBatchInfo}), retry attempts exhausted. */
    public static OnFailureRecords kinesis() {
        return new OnFailureRecords("KinesisBatchInfo", RETRY_ATTEMPTS_EXHAUSTED, null, null, null, null, 0);
    }

    /** A DynamoDB stream's record ({@code DDBStreamBatchInfo}), retry attempts exhausted. */
    public static OnFailureRecords dynamoDbStream() {
        return new OnFailureRecords("DDBStreamBatchInfo", RETRY_ATTEMPTS_EXHAUSTED, null, null, null, null, 0);
    }

    /** {@link #RETRY_ATTEMPTS_EXHAUSTED} or {@link #RECORD_AGE_EXCEEDED}; the latter has no {@code responseContext}. */
    public OnFailureRecords condition(String condition) {
        return new OnFailureRecords(batchInfoField, condition, streamArn, shardId, startSequenceNumber, endSequenceNumber, batchSize);
    }

    public OnFailureRecords streamArn(String streamArn) {
        return new OnFailureRecords(batchInfoField, condition, streamArn, shardId, startSequenceNumber, endSequenceNumber, batchSize);
    }

    public OnFailureRecords shardId(String shardId) {
        return new OnFailureRecords(batchInfoField, condition, streamArn, shardId, startSequenceNumber, endSequenceNumber, batchSize);
    }

    public OnFailureRecords startSequenceNumber(String startSequenceNumber) {
        return new OnFailureRecords(batchInfoField, condition, streamArn, shardId, startSequenceNumber, endSequenceNumber, batchSize);
    }

    public OnFailureRecords endSequenceNumber(String endSequenceNumber) {
        return new OnFailureRecords(batchInfoField, condition, streamArn, shardId, startSequenceNumber, endSequenceNumber, batchSize);
    }

    public OnFailureRecords batchSize(int batchSize) {
        return new OnFailureRecords(batchInfoField, condition, streamArn, shardId, startSequenceNumber, endSequenceNumber, batchSize);
    }

    /** Shard, first and last sequence number and size of {@code range}: records written to one shard, first to last. */
    public OnFailureRecords covering(List<TestStream.Written> range) {
        return shardId(range.get(0).shardId()).startSequenceNumber(range.get(0).sequenceNumber())
                .endSequenceNumber(range.get(range.size() - 1).sequenceNumber()).batchSize(range.size());
    }

    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("requestContext", Map.of("requestId", "3c1a4f0e-7d2b-4a51-9b8e-1f0c2d3e4a5b",
                "functionArn", "arn:aws:lambda:us-east-1:000000000000:function:consumer:live",
                "condition", condition, "approximateInvokeCount", 4));
        if (!condition.equals(RECORD_AGE_EXCEEDED)) {
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("statusCode", 200);
            response.put("executedVersion", "1");
            response.put("functionError", null);
            root.put("responseContext", response);
        }
        root.put("version", "1.0");
        root.put("timestamp", "2025-11-26T21:03:11.502Z");
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("shardId", shardId);
        batch.put("startSequenceNumber", startSequenceNumber);
        batch.put("endSequenceNumber", endSequenceNumber);
        batch.put("approximateArrivalOfFirstRecord", "2025-11-26T20:46:41.123Z");
        batch.put("approximateArrivalOfLastRecord", "2025-11-26T20:46:42.123Z");
        batch.put("batchSize", batchSize);
        batch.put("streamArn", streamArn);
        root.put(batchInfoField, batch);
        try {
            return JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES).asString(root);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** An SNS event carrying {@code messages}, one SNS record each, shaped like the events/ file. */
    public static SNSEvent snsEvent(String... messages) {
        List<SNSEvent.SNSRecord> records = new ArrayList<>();
        for (String message : messages) {
            SNSEvent.SNSRecord record = EventLoader.loadSNSEvent("events/sns-onfailure-retries-exhausted.json").getRecords().get(0);
            record.getSNS().setMessage(message);
            records.add(record);
        }
        SNSEvent event = new SNSEvent();
        event.setRecords(records);
        return event;
    }
}
