package io.kinesishydrator.hydrate.internal;

import java.util.List;

/**
 * What a {@link RangeReader} got back for a range: the records, in shard order, the parts of the range it could
 * not read and why, and observations that did not stop it (a count that differs from {@code batchSize}).
 *
 * @param <R> the stream's record type: a Kinesis record or a DynamoDB stream record
 */
public record RangeRead<R>(List<R> records, List<MissingRange> missing, List<String> notes) {

    public RangeRead {
        records = List.copyOf(records);
        missing = List.copyOf(missing);
        notes = List.copyOf(notes);
    }

    /** Every record of the range that was ever in the shard is here. */
    public boolean complete() {
        return missing.isEmpty();
    }

    /** Why the read is not complete, or null when it is. */
    public String reason() {
        return complete() ? null : String.join("; ", missing.stream().map(MissingRange::reason).toList());
    }
}
