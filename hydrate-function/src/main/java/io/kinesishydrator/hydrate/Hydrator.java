package io.kinesishydrator.hydrate;

import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.EmbeddedMetrics;
import io.kinesishydrator.common.StructuredLogger;
import io.kinesishydrator.hydrate.internal.Continuation;
import io.kinesishydrator.hydrate.internal.ContinuationQueue;
import io.kinesishydrator.hydrate.internal.DeadLetterComposer;
import io.kinesishydrator.hydrate.internal.DeadLetterPacker;
import io.kinesishydrator.hydrate.internal.DeadLetterWriter;
import io.kinesishydrator.hydrate.internal.DynamoDbRecordRenderer;
import io.kinesishydrator.hydrate.internal.FailureNotification;
import io.kinesishydrator.hydrate.internal.FailureNotificationParser;
import io.kinesishydrator.hydrate.internal.KinesisRecordRenderer;
import io.kinesishydrator.hydrate.internal.MalformedNotificationException;
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
import java.util.Optional;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Hydrates one OnFailure notification: parse it, re-read its range, send the result to the dead-letter queue.
 * Every notification ends in the queue: complete, incomplete with the reason, or, when it cannot be parsed,
 * as received with the reason. Only a queue that will not take it makes this throw. An S3 OnFailure object
 * carries its batch's records itself: they are taken from it, not re-read, into the same message.
 *
 * <p>The range is read page by page and its messages are sent as they fill, so memory does not grow with the
 * range. When the read deadline comes before the range's end and a continuation queue is set, the rest of the
 * range is handed on there as a {@link Continuation} that another invocation carries on; without one, the
 * messages say where reading stopped. A record too large for any message is a part of its own, stored in the
 * payload bucket by the writer; when the bucket does not take it, it goes truncated and the range's outcome names
 * it missing (see {@link DeadLetterPacker}).
 */
public final class Hydrator {
    /** The status of a notification whose range another invocation carries on. */
    public static final String CONTINUED = "CONTINUED";

    private final FailureNotificationParser parser;
    private final RangeReader<Record> kinesisReader;
    private final RangeReader<software.amazon.awssdk.services.dynamodb.model.Record> dynamoDbReader;
    private final DeadLetterComposer composer;
    private final DeadLetterWriter writer;
    private final Optional<ContinuationQueue> continuations;
    private final S3OnFailureObjects objects;
    private final StructuredLogger log;
    private final EmbeddedMetrics metrics;
    private final String functionName;

    Hydrator(FailureNotificationParser parser, RangeReader<Record> kinesisReader,
             RangeReader<software.amazon.awssdk.services.dynamodb.model.Record> dynamoDbReader,
             DeadLetterComposer composer, DeadLetterWriter writer, Optional<ContinuationQueue> continuations,
             S3OnFailureObjects objects, StructuredLogger log, EmbeddedMetrics metrics, String functionName) {
        this.parser = parser;
        this.kinesisReader = kinesisReader;
        this.dynamoDbReader = dynamoDbReader;
        this.composer = composer;
        this.writer = writer;
        this.continuations = continuations;
        this.objects = objects;
        this.log = log;
        this.metrics = metrics;
        this.functionName = functionName;
    }

    /**
     * @param message      an OnFailure record, or a continuation of one (see {@link Continuation})
     * @param readDeadline when reading must stop, leaving time to send
     * @param sendDeadline when sending must stop
     */
    public HydrationResult hydrate(String message, Deadline readDeadline, Deadline sendDeadline) {
        Continuation.Received received = Continuation.read(message);
        FailureNotification notification;
        try {
            notification = parser.parse(received.notification());
        } catch (MalformedNotificationException malformed) {
            return sendUnparseable(composer.unparseable(message, malformed.getMessage()), sendDeadline);
        }
        Continuation from = received.continuation();
        return switch (notification.batchInfo().streamType()) {
            case KINESIS -> readRange(notification, from, kinesisReader, KinesisRecordRenderer.INSTANCE, readDeadline, sendDeadline);
            case DYNAMODB_STREAMS -> readRange(notification, from, dynamoDbReader, DynamoDbRecordRenderer.INSTANCE, readDeadline,
                    sendDeadline);
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
            case KINESIS -> {
                DeadLetterPacker<Record> packer = packer(notification, KinesisRecordRenderer.INSTANCE, recordsFrom, null, sendDeadline);
                yield finish(notification, PayloadRecords.kinesis(onFailure.payload(), batch, packer::add), packer, recordsFrom);
            }
            case DYNAMODB_STREAMS -> {
                DeadLetterPacker<software.amazon.awssdk.services.dynamodb.model.Record> packer =
                        packer(notification, DynamoDbRecordRenderer.INSTANCE, recordsFrom, null, sendDeadline);
                yield finish(notification, PayloadRecords.dynamoDb(onFailure.payload(), batch, packer::add), packer, recordsFrom);
            }
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

    private <R> DeadLetterPacker<R> packer(FailureNotification notification, RecordRenderer<R> renderer, String recordsFrom,
                                           Continuation from, Deadline sendDeadline) {
        return composer.packer(notification, renderer, recordsFrom, from, message -> writer.send(List.of(message), sendDeadline));
    }

    private <R> HydrationResult readRange(FailureNotification notification, Continuation from, RangeReader<R> reader,
                                          RecordRenderer<R> renderer, Deadline readDeadline, Deadline sendDeadline) {
        DeadLetterPacker<R> packer = packer(notification, renderer, null, from, sendDeadline);
        RangeRead read = reader.read(notification.batchInfo(), from, readDeadline, packer::add);
        Optional<Continuation> next = read.outOfTime() && continuations.isPresent() ? packer.continuation(read) : Optional.empty();
        if (next.isEmpty()) {
            return finish(notification, read, packer, null);
        }
        continuations.get().send(notification, next.get(), sendDeadline);
        log.info("failed batch partly hydrated; the rest is handed on to another invocation")
                .with("batchKey", notification.batchInfo().batchKey())
                .with("continuation", next.get().number())
                .with("afterSequenceNumber", next.get().afterSequenceNumber())
                .with("dlqMessages", packer.messagesSent())
                .emit();
        int hydrated = packer.recordsSent() - packer.recordsNotStored();
        count(notification.batchInfo(), hydrated, packer.recordsNotStored(), packer.messagesSent());
        return new HydrationResult(notification.batchInfo().batchKey(), CONTINUED, hydrated, packer.messagesSent());
    }

    /**
     * Sends the range's last message. A record whose message the payload bucket did not take went truncated: it
     * counts as lost, not hydrated.
     */
    private <R> HydrationResult finish(FailureNotification notification, RangeRead read, DeadLetterPacker<R> packer,
                                       String recordsFrom) {
        RangeRead sent = packer.finish(read);
        logOutcome(notification, sent, packer.messagesSent(), recordsFrom);
        int hydrated = packer.recordsSent() - packer.recordsNotStored();
        count(notification.batchInfo(), hydrated, recordsLost(notification.batchInfo(), read) + packer.recordsNotStored(),
                packer.messagesSent());
        return new HydrationResult(notification.batchInfo().batchKey(),
                sent.complete() ? DeadLetterMessage.COMPLETE : DeadLetterMessage.INCOMPLETE, hydrated, packer.messagesSent());
    }

    /**
     * Records of the range that are not in the queue. A gap in sequence numbers has no count, so the
     * notification's {@code batchSize} tells how many are gone; without it, at least one is.
     */
    private static int recordsLost(StreamBatchInfo batch, RangeRead read) {
        if (read.complete()) {
            return 0;
        }
        Integer expected = batch.batchSize();
        return expected == null ? 1 : Math.max(1, expected - read.recordsRead());
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

    private void logOutcome(FailureNotification notification, RangeRead read, int messages, String recordsFrom) {
        StreamBatchInfo batch = notification.batchInfo();
        StructuredLogger.Line line = read.complete() ? log.info("failed batch hydrated to the DLQ")
                : log.error("failed batch only partly hydrated; the DLQ message says what is missing");
        line.with("streamArn", batch.streamArn())
                .with("shardId", batch.shardId())
                .with("startSequenceNumber", batch.startSequenceNumber())
                .with("endSequenceNumber", batch.endSequenceNumber())
                .with("condition", notification.requestContext() == null ? null : notification.requestContext().condition())
                .with("recordsRead", read.recordsRead())
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
