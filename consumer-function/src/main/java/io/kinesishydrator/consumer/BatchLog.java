package io.kinesishydrator.consumer;

import io.kinesishydrator.common.StructuredLogger;

/** The batch processor's log lines, each one JSON object with the record's coordinates and no payload unless asked. */
final class BatchLog<R> {
    private final StreamSource<R> source;
    private final StructuredLogger log;
    private final boolean logPayloads;

    BatchLog(StreamSource<R> source, StructuredLogger log, boolean logPayloads) {
        this.source = source;
        this.log = log;
        this.logPayloads = logPayloads;
    }

    void failure(R record, Throwable cause, boolean isTransient, int attempts, int unprocessed) {
        source.coordinates(log.error("record failed; reported so Lambda checkpoints before it"), record)
                .with("failure", isTransient ? "TRANSIENT" : "PERMANENT")
                .with("attempts", attempts)
                .withError(cause)
                .with("recordsNotProcessed", unprocessed)
                .with("payload", logPayloads ? source.payload(record) : null)
                .emit();
    }

    void outOfTime(R record, int unprocessed) {
        source.coordinates(log.warn("time ran out; reporting the next record so Lambda checkpoints the work done"), record)
                .with("recordsNotProcessed", unprocessed)
                .emit();
    }

    void completionNotRecorded(R record, String key, Throwable cause) {
        source.coordinates(log.warn("record processed but its completion not recorded; a redelivery after the lease "
                        + "would process it again"), record)
                .with("idempotencyKey", key)
                .withError(cause)
                .emit();
    }
}
