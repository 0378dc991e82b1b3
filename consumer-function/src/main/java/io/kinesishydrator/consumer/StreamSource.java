package io.kinesishydrator.consumer;

import io.kinesishydrator.common.StructuredLogger;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * What {@link StreamConsumerHandler} and {@link StreamBatchProcessor} need to know about one event source's
 * records: how its event JSON is read, the sequence number Lambda
 * checkpoints on, where a record sits (for log lines, metrics and the default idempotency key) and what it holds
 * (for {@code LOG_PAYLOADS}). One stateless instance per source, so the per-record path allocates nothing for it.
 */
interface StreamSource<R> {
    /** The records of the event JSON in {@code input}; null for a null or empty event, as the runtime would pass. */
    List<R> records(InputStream input) throws IOException;

    /** The record's sequence number, the item identifier Lambda checkpoints on; null when it has none. */
    String sequenceNumber(R record);

    /** Why record {@code index} cannot be reported: it has no sequence number. */
    String missingSequenceNumber(int index);

    /** The value of the metrics' {@code StreamName} dimension. */
    String streamName(R record);

    /** Adds where the record sits (stream, shard, sequence number, ...) to a log line. */
    StructuredLogger.Line coordinates(StructuredLogger.Line line, R record);

    /** The record's data for a failure's log line; asked only with {@code LOG_PAYLOADS} on. */
    String payload(R record);

    /** A key that is the same on every delivery of the record and differs between records. */
    String idempotencyKey(R record);
}
