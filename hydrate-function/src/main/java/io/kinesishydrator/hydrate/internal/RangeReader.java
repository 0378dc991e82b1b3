package io.kinesishydrator.hydrate.internal;

import io.kinesishydrator.common.Deadline;
import java.util.function.Consumer;

/**
 * Re-reads a failed batch from its shard: the inclusive range {@code [startSequenceNumber, endSequenceNumber]},
 * or, for a {@link Continuation}, the part of it after {@link Continuation#afterSequenceNumber()}. It reads page by
 * page and hands each record of the range to {@code records} as its page comes in, in shard order, keeping none,
 * so its memory is one page whatever the range's size. It never throws: what it could not read is in
 * {@link RangeRead#missing()}, with the reason.
 *
 * @param <R> the stream's record type
 */
public interface RangeReader<R> {
    /**
     * @param from null to read the range from its start
     */
    RangeRead read(StreamBatchInfo batch, Continuation from, Deadline deadline, Consumer<R> records);
}
