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
import io.kinesishydrator.hydrate.internal.RangeRead;
import io.kinesishydrator.hydrate.internal.RangeReader;
import io.kinesishydrator.hydrate.internal.RecordRenderer;
import io.kinesishydrator.hydrate.internal.StreamArn;
import io.kinesishydrator.hydrate.internal.StreamBatchInfo;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Hydrates one OnFailure notification: parse it, re-read its range, send the result to the dead-letter queue.
 * Every notification ends in the queue: complete, incomplete with the reason, or, when it cannot be parsed,
 * as received with the reason. Only a queue that will not take it makes this throw.
 */
public final class Hydrator {
    private final FailureNotificationParser parser;
    private final RangeReader<Record> kinesisReader;
    private final RangeReader<software.amazon.awssdk.services.dynamodb.model.Record> dynamoDbReader;
    private final DeadLetterComposer composer;
    private final DeadLetterWriter writer;
    private final StructuredLogger log;
    private final EmbeddedMetrics metrics;
    private final String functionName;

    Hydrator(FailureNotificationParser parser, RangeReader<Record> kinesisReader,
             RangeReader<software.amazon.awssdk.services.dynamodb.model.Record> dynamoDbReader,
             DeadLetterComposer composer, DeadLetterWriter writer, StructuredLogger log, EmbeddedMetrics metrics,
             String functionName) {
        this.parser = parser;
        this.kinesisReader = kinesisReader;
        this.dynamoDbReader = dynamoDbReader;
        this.composer = composer;
        this.writer = writer;
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
            DeadLetterMessage raw = composer.unparseable(message, malformed.getMessage());
            log.error("notification is not a stream OnFailure record; sending it to the DLQ as received")
                    .with("reason", malformed.getMessage()).with("batchKey", raw.batchKey()).emit();
            writer.send(List.of(raw), sendDeadline);
            count(null, 0, 0, 1);
            return new HydrationResult(raw.batchKey(), DeadLetterMessage.UNPARSEABLE, 0, 1);
        }
        StreamBatchInfo batch = notification.batchInfo();
        return switch (batch.streamType()) {
            case KINESIS -> hydrate(notification, kinesisReader, KinesisRecordRenderer.INSTANCE, readDeadline, sendDeadline);
            case DYNAMODB_STREAMS -> hydrate(notification, dynamoDbReader, DynamoDbRecordRenderer.INSTANCE, readDeadline, sendDeadline);
        };
    }

    private <R> HydrationResult hydrate(FailureNotification notification, RangeReader<R> reader, RecordRenderer<R> renderer,
                                        Deadline readDeadline, Deadline sendDeadline) {
        RangeRead<R> read = reader.read(notification.batchInfo(), readDeadline);
        List<DeadLetterMessage> messages = composer.compose(notification, read, renderer);
        writer.send(messages, sendDeadline);
        logOutcome(notification, read, messages.size());
        count(notification.batchInfo(), read.records().size(), recordsLost(notification.batchInfo(), read), messages.size());
        return new HydrationResult(notification.batchInfo().batchKey(), messages.get(0).status(),
                read.records().size(), messages.size());
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

    private void logOutcome(FailureNotification notification, RangeRead<?> read, int messages) {
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
                .emit();
    }

    /** What became of one notification. */
    public record HydrationResult(String batchKey, String status, int recordsHydrated, int dlqMessages) {
    }
}
