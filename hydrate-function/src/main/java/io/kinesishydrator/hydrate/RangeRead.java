package io.kinesishydrator.hydrate;

import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * What {@link KinesisRangeReader} got back for a range: the records, in shard order, and whether they are all
 * of it. When they are not, {@code reason} says why and {@code lastSequenceNumber} where reading stopped.
 */
public record RangeRead(List<Record> records, Status status, String reason, List<String> notes) {

    public enum Status {
        /** Every record from start to end sequence number still in the shard was read. */
        COMPLETE,
        /** Reading stopped early (time ran out, shard closed, stream unreadable): the records are a prefix. */
        INCOMPLETE
    }

    public RangeRead {
        records = List.copyOf(records);
        notes = List.copyOf(notes);
    }

    public boolean complete() {
        return status == Status.COMPLETE;
    }

    /** The sequence number of the last record read, or null when none was. */
    public String lastSequenceNumber() {
        return records.isEmpty() ? null : records.get(records.size() - 1).sequenceNumber();
    }
}
