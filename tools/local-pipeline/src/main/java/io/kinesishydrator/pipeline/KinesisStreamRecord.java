package io.kinesishydrator.pipeline;

import java.time.Instant;
import software.amazon.awssdk.services.kinesis.model.Record;

/** A Kinesis record, as GetRecords returns it. */
record KinesisStreamRecord(Record record) implements StreamRecord {
    /** The event's fields besides the data: partition key, sequence number, times and names. */
    private static final long ENVELOPE_BYTES = 512;

    @Override
    public String sequenceNumber() {
        return record.sequenceNumber();
    }

    @Override
    public Instant approximateArrival() {
        return record.approximateArrivalTimestamp();
    }

    /** The data goes base64-encoded: four bytes for every three. */
    @Override
    public long eventBytes() {
        return record.data().asByteArrayUnsafe().length * 4L / 3 + ENVELOPE_BYTES;
    }
}
