package io.kinesishydrator.redrive;

import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.hydrate.Hydrator;
import io.kinesishydrator.hydrate.HydratorFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dead-letter messages made as production makes them: the real hydrate reads a failed range back from a stream
 * on kinesis-mock and sends it to a queue on ElasticMQ, split into parts when it exceeds {@code maxMessageBytes}.
 */
final class Hydration {
    static final String RETRY_ATTEMPTS_EXHAUSTED = "RetryAttemptsExhausted";
    static final String RECORD_AGE_EXCEEDED = "RecordAgeExceeded";

    private final Hydrator hydrator;

    Hydration(LocalAws aws, TestQueue queue, int maxMessageBytes) {
        this.hydrator = HydratorFactory.create(region -> aws.kinesis(), aws.sqs(), queue.url(), maxMessageBytes);
    }

    /** Hydrates the OnFailure record of {@code range}, consecutive records of one shard, first to last. */
    Hydrator.HydrationResult failed(TestStream stream, List<TestStream.Written> range, String condition) {
        return hydrator.hydrate(onFailureRecord(stream.arn(), range, condition), Deadline.none(), Deadline.none());
    }

    /** What the hydrate does with a notification it cannot parse: it goes to the queue as received. */
    void unparseable(String notification) {
        hydrator.hydrate(notification, Deadline.none(), Deadline.none());
    }

    /** The OnFailure record a Kinesis event source mapping publishes, in AWS' format. */
    private static String onFailureRecord(String streamArn, List<TestStream.Written> range, String condition) {
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
        batch.put("shardId", range.get(0).shardId());
        batch.put("startSequenceNumber", range.get(0).sequenceNumber());
        batch.put("endSequenceNumber", range.get(range.size() - 1).sequenceNumber());
        batch.put("approximateArrivalOfFirstRecord", "2025-11-26T20:46:41.123Z");
        batch.put("approximateArrivalOfLastRecord", "2025-11-26T20:46:42.123Z");
        batch.put("batchSize", range.size());
        batch.put("streamArn", streamArn);
        root.put("KinesisBatchInfo", batch);
        try {
            return JSON.std.asString(root);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }
}
