package io.kinesishydrator.hydrate.internal;

import java.util.List;

/**
 * How a {@link RangeReader}'s read of a range ended: how many records of the range have been handed on (in this
 * invocation and, for a {@link Continuation}, the ones before it), the last one's sequence number, the parts of
 * the range it could not read and why, and observations that did not stop it (a count that differs from
 * {@code batchSize}).
 *
 * @param lastSequenceNumberRead where a stream read stopped; null when it read no record of the range, and for a
 *                               payload, which is never cut short
 * @param outOfTime              the deadline stopped the read: the last of {@code missing} is the tail not reached
 */
public record RangeRead(int recordsRead, String lastSequenceNumberRead, List<MissingRange> missing, List<String> notes,
                        boolean outOfTime) {

    public RangeRead {
        missing = List.copyOf(missing);
        notes = List.copyOf(notes);
    }

    /** Every record of the range that was ever in the shard has been read. */
    public boolean complete() {
        return missing.isEmpty();
    }

    /** Why the read is not complete, or null when it is. */
    public String reason() {
        return complete() ? null : String.join("; ", missing.stream().map(MissingRange::reason).toList());
    }

    /** What is missing besides the tail the deadline left unread: what a continuation carries on. */
    List<MissingRange> missingBeforeTheDeadline() {
        return outOfTime ? missing.subList(0, missing.size() - 1) : missing;
    }
}
