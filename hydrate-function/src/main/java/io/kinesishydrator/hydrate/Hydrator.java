package io.kinesishydrator.hydrate;

import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.EmbeddedMetrics;
import io.kinesishydrator.common.StructuredLogger;
import io.kinesishydrator.hydrate.internal.DeadLetterComposer;
import io.kinesishydrator.hydrate.internal.DeadLetterWriter;
import io.kinesishydrator.hydrate.internal.DynamoDbRecordRenderer;
import io.kinesishydrator.hydrate.internal.FailureNotification;
import io.kinesishydrator.hydrate.internal.FailureNotificationParser;
import io.kinesishydrator.hydrate.internal.KinesisRecordRenderer;
import io.kinesishydrator.hydrate.internal.MalformedNotificationException;
import io.kinesishydrator.hydrate.internal.OversizedRecords;
import io.kinesishydrator.hydrate.internal.PayloadNotStoredException;
import io.kinesishydrator.hydrate.internal.PayloadRecords;
import io.kinesishydrator.hydrate.internal.RangeRead;
import io.kinesishydrator.hydrate.internal.RangeReader;
import io.kinesishydrator.hydrate.internal.RecordRenderer;
import io.kinesishydrator.hydrate.internal.S3ObjectReference;
import io.kinesishydrator.hydrate.internal.S3OnFailureObject;
import io.kinesishydrator.hydrate.internal.S3OnFailureObjects;
import io.kinesishydrator.hydrate.internal.StreamArn;
import io.kinesishydrator.hydrate.internal.StreamBatchInfo;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Hydrates one OnFailure notification: parse it, re-read its range, send the result to the dead-letter queue.
 * Every notification ends in the queue: complete, incomplete with the reason, or, when it cannot be parsed,
 * as received with the reason. Only a queue that will not take it makes this throw. An S3 OnFailure object
 * carries its batch's records itself: they are taken from it, not re-read, into the same message.
 */
public final class Hydrator {
    private final FailureNotificationParser parser;
    private final RangeReader<Record> kinesisReader;
    private final RangeReader<software.amazon.awssdk.services.dynamodb.model.Record> dynamoDbReader;
    private final DeadLetterComposer composer;
    private final DeadLetterWriter writer;
    private final S3OnFailureObjects objects;
    private final StructuredLogger log;
    private final EmbeddedMetrics metrics;
    private final String functionName;

    Hydrator(FailureNotificationParser parser, RangeReader<Record> kinesisReader,
             RangeReader<software.amazon.awssdk.services.dynamodb.model.Record> dynamoDbReader,
             DeadLetterComposer composer, DeadLetterWriter writer, S3OnFailureObjects objects, StructuredLogger log,
             EmbeddedMetrics metrics, String functionName) {
        this.parser = parser;
        this.kinesisReader = kinesisReader;
        this.dynamoDbReader = dynamoDbReader;
        this.composer = composer;
        this.writer = writer;
        this.objects = objects;
        this.log = log;
        this.metrics = metrics;
        this.functionName = functionName;
    }

    /**
     * @param readDeadline when reading must stop, leaving time to send
     * @param sendDeadline when sending must stop
     */
    public HydrationResult hydrate(String message, Deadline readDeadline, Deadline sendDeadline) {
        FailureNotification notification;
        try {
            notification = parser.parse(message);
        } catch (MalformedNotificationException malformed) {
            return sendUnparseable(composer.unparseable(message, malformed.getMessage()), sendDeadline);
        }
        StreamBatchInfo batch = notification.batchInfo();
        return switch (batch.streamType()) {
            case KINESIS -> send(notification, kinesisReader.read(batch, readDeadline), KinesisRecordRenderer.INSTANCE, null, sendDeadline);
            case DYNAMODB_STREAMS -> send(notification, dynamoDbReader.read(batch, readDeadline), DynamoDbRecordRenderer.INSTANCE, null, sendDeadline);
        };
    }

    /**
     * Hydrates the OnFailure object an S3 destination wrote, with the records of its {@code payload}; an object
     * that is gone or cannot be parsed is sent as a reference to it, with the reason. Besides the queue, S3
     * failures other than a missing object (throttling, server errors, access denied) make this throw.
     */
    public HydrationResult hydrateObject(String bucket, String key, Deadline sendDeadline) {
        S3ObjectReference object = new S3ObjectReference(bucket, key);
        S3OnFailureObject onFailure;
        FailureNotification notification;
        try {
            onFailure = objects.get(object);
            notification = parser.parse(onFailure.record());
        } catch (MalformedNotificationException malformed) {
            return sendUnparseable(composer.unparseable(object, malformed.getMessage()), sendDeadline);
        }
        StreamBatchInfo batch = notification.batchInfo();
        String recordsFrom = "payload of " + object;
        return switch (batch.streamType()) {
            case KINESIS -> send(notification, PayloadRecords.kinesis(onFailure.payload(), batch), KinesisRecordRenderer.INSTANCE,
                    recordsFrom, sendDeadline);
            case DYNAMODB_STREAMS -> send(notification, PayloadRecords.dynamoDb(onFailure.payload(), batch),
                    DynamoDbRecordRenderer.INSTANCE, recordsFrom, sendDeadline);
        };
    }

    private HydrationResult sendUnparseable(DeadLetterMessage raw, Deadline sendDeadline) {
        log.error("notification is not a stream OnFailure record; sending it to the DLQ as received")
                .with("reason", raw.reason()).with("batchKey", raw.batchKey()).emit();
        try {
            writer.send(List.of(raw), sendDeadline);
        } catch (PayloadNotStoredException notStored) {
            writer.send(List.of(composer.unparseableDigest(raw, notStored.getMessage())), sendDeadline);
        }
        count(null, 0, 0, 1);
        return new HydrationResult(raw.batchKey(), DeadLetterMessage.UNPARSEABLE, 0, 1);
    }

    /**
     * Records too large for a message go whole to the payload bucket; when they cannot, the range is sent again
     * with them truncated, and they count as lost, not hydrated.
     */
    private <R> HydrationResult send(FailureNotification notification, RangeRead<R> read, RecordRenderer<R> renderer,
                                     String recordsFrom, Deadline sendDeadline) {
        OversizedRecords<R> oversized = new OversizedRecords<>(renderer);
        List<DeadLetterMessage> messages = composer.compose(notification, read, oversized, recordsFrom);
        RangeRead<R> sent = read;
        int notStored = 0;
        try {
            writer.send(messages, sendDeadline);
        } catch (PayloadNotStoredException failure) {
            sent = oversized.sentTruncated(read, failure);
            messages = composer.compose(notification, sent, renderer, recordsFrom);
            writer.send(messages, sendDeadline);
            notStored = oversized.count();
        }
        logOutcome(notification, sent, messages.size(), recordsFrom);
        int hydrated = read.records().size() - notStored;
        count(notification.batchInfo(), hydrated, recordsLost(notification.batchInfo(), read) + notStored, messages.size());
        return new HydrationResult(notification.batchInfo().batchKey(), messages.get(0).status(), hydrated, messages.size());
    }

    /**
     * Records of the range that are not in the queue. A gap in sequence numbers has no count, so the
     * notification's {@code batchSize} tells how many are gone; without it, at least one is.
     */
    private static int recordsLost(StreamBatchInfo batch, RangeRead<?> read) {
        if (read.complete()) {
            return 0;
        }
        Integer expected = batch.batchSize();
        return expected == null ? 1 : Math.max(1, expected - read.records().size());
    }

    private void count(StreamBatchInfo batch, int hydrated, int lost, int messages) {
        metrics.line()
                .dimension("FunctionName", functionName)
                .dimension("StreamName", batch == null ? "unknown" : streamName(batch))
                .count("RecordsHydrated", hydrated)
                .count("RecordsLost", lost)
                .count("DlqMessagesSent", messages)
                .count("HydrateFailures", batch == null || lost > 0 ? 1 : 0)
                .emit();
    }

    /** The Kinesis stream's name, or the DynamoDB table's: the parser has checked the ARN already. */
    private static String streamName(StreamBatchInfo batch) {
        try {
            return StreamArn.parse(batch.streamArn(), batch.streamType()).name();
        } catch (MalformedNotificationException impossible) {
            return "unknown";
        }
    }

    private void logOutcome(FailureNotification notification, RangeRead<?> read, int messages, String recordsFrom) {
        StreamBatchInfo batch = notification.batchInfo();
        StructuredLogger.Line line = read.complete() ? log.info("failed batch hydrated to the DLQ")
                : log.error("failed batch only partly hydrated; the DLQ message says what is missing");
        line.with("streamArn", batch.streamArn())
                .with("shardId", batch.shardId())
                .with("startSequenceNumber", batch.startSequenceNumber())
                .with("endSequenceNumber", batch.endSequenceNumber())
                .with("condition", notification.requestContext() == null ? null : notification.requestContext().condition())
                .with("recordsRead", read.records().size())
                .with("dlqMessages", messages)
                .with("reason", read.reason())
                .with("notes", read.notes().isEmpty() ? null : String.join("; ", read.notes()))
                .with("recordsFrom", recordsFrom)
                .emit();
    }

    /** What became of one notification. */
    public record HydrationResult(String batchKey, String status, int recordsHydrated, int dlqMessages) {
    }
}
