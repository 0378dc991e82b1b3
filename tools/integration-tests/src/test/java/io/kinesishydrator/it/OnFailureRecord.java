package io.kinesishydrator.it;

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
 * Builds the OnFailure record a Kinesis or DynamoDB stream event source mapping publishes for a range of
 * written records, and the SNS event that carries it, starting from the events/ file {@code sam local invoke} uses.
 */
public final class OnFailureRecord {
    private final String streamArn;
    private final String shardId;
    private String batchInfoField = "KinesisBatchInfo";
    private String startSequenceNumber;
    private String endSequenceNumber;
    private int batchSize;
    private String condition = "RetryAttemptsExhausted";

    private OnFailureRecord(String streamArn, String shardId) {
        this.streamArn = streamArn;
        this.shardId = shardId;
    }

    /** The record for {@code range}, records written to one shard, first to last. */
    public static OnFailureRecord covering(String streamArn, List<TestStream.Written> range) {
        OnFailureRecord record = new OnFailureRecord(streamArn, range.get(0).shardId());
        record.startSequenceNumber = range.get(0).sequenceNumber();
        record.endSequenceNumber = range.get(range.size() - 1).sequenceNumber();
        record.batchSize = range.size();
        return record;
    }

    /** The record a DynamoDB stream's mapping publishes for {@code batchSize} records, first to last. */
    public static OnFailureRecord coveringDynamoDbStream(String streamArn, String shardId, String first, String last, int batchSize) {
        OnFailureRecord record = new OnFailureRecord(streamArn, shardId);
        record.batchInfoField = "DDBStreamBatchInfo";
        record.startSequenceNumber = first;
        record.endSequenceNumber = last;
        record.batchSize = batchSize;
        return record;
    }

    public OnFailureRecord recordAgeExceeded() {
        this.condition = "RecordAgeExceeded";
        return this;
    }

    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("requestContext", Map.of("requestId", "3c1a4f0e-7d2b-4a51-9b8e-1f0c2d3e4a5b",
                "functionArn", "arn:aws:lambda:us-east-1:000000000000:function:consumer:live",
                "condition", condition, "approximateInvokeCount", 4));
        if (!condition.equals("RecordAgeExceeded")) {
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
            return JSON.std.asString(root);
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
