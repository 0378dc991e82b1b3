package io.kinesishydrator.hydrate.internal;

import io.kinesishydrator.common.Deadline;

/**
 * Re-reads a failed batch from its shard: the inclusive range {@code [startSequenceNumber, endSequenceNumber]}.
 * It never throws: what it could not read is in {@link RangeRead#missing()}, with the reason.
 *
 * @param <R> the stream's record type
 */
public interface RangeReader<R> {
    RangeRead<R> read(StreamBatchInfo batch, Deadline deadline);
}
