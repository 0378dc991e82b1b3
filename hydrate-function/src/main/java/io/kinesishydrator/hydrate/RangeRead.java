package io.kinesishydrator.hydrate;

import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * What {@link KinesisRangeReader} got back for a range: the records, in shard order, the parts of the range it
 * could not read and why, and observations that did not stop it (a count that differs from {@code batchSize}).
 */
public record RangeRead(List<Record> records, List<MissingRange> missing, List<String> notes) {

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

    /** The sequence number of the last record read, or null when none was. */
    public String lastSequenceNumber() {
        return records.isEmpty() ? null : records.get(records.size() - 1).sequenceNumber();
    }
}
