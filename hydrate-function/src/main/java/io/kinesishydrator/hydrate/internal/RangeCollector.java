package io.kinesishydrator.hydrate.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The records of one range as pages of a shard come in, and the parts of the range found missing: the rules
 * both stream readers share. Records before the start are skipped, the first record past the end stops it,
 * and a range whose first record is not the first one found has lost its head to retention.
 *
 * @param <R> the stream's record type
 */
final class RangeCollector<R> {
    static final String PAST_RETENTION = "no longer in the stream: past its retention period";

    private final StreamBatchInfo batch;
    private final Function<R, String> sequenceNumberOf;
    private final BigInteger start;
    private final BigInteger end;
    private final List<R> records = new ArrayList<>();
    private final List<MissingRange> missing = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    RangeCollector(StreamBatchInfo batch, Function<R, String> sequenceNumberOf) {
        this.batch = batch;
        this.sequenceNumberOf = sequenceNumberOf;
        this.start = batch.start();
        this.end = batch.end();
    }

    /** Adds the page's records within range; true once the end is reached or passed. */
    boolean take(List<R> page) {
        for (R record : page) {
            String text = sequenceNumberOf.apply(record);
            BigInteger sequenceNumber = new BigInteger(text);
            if (sequenceNumber.compareTo(end) > 0) {
                noteWholeRangeGone();
                return true;
            }
            if (sequenceNumber.compareTo(start) >= 0) {
                noteMissingStart(sequenceNumber, text);
                records.add(record);
            }
            if (sequenceNumber.equals(end)) {
                return true;
            }
        }
        return false;
    }

    void note(String note) {
        notes.add(note);
    }

    boolean nothingRead() {
        return records.isEmpty();
    }

    /** The sequence number of the last record read, or null when none was. */
    String lastSequenceNumber() {
        return records.isEmpty() ? null : sequenceNumberOf.apply(records.get(records.size() - 1));
    }

    /** The end was reached: the read is complete unless its head was found missing. */
    RangeRead<R> finish() {
        Integer expected = batch.batchSize();
        if (expected != null && expected != records.size() && missing.isEmpty()) {
            notes.add("read " + records.size() + " records where the notification's batchSize is " + expected);
        }
        return new RangeRead<>(records, missing, notes);
    }

    /** Reading stopped before the end: what was not read is missing, for {@code reason}. */
    RangeRead<R> incomplete(String reason) {
        missing.add(records.isEmpty()
                ? MissingRange.fromThrough(batch.startSequenceNumber(), batch.endSequenceNumber(), reason)
                : MissingRange.afterThrough(lastSequenceNumber(), batch.endSequenceNumber(), reason));
        return new RangeRead<>(records, missing, notes);
    }

    /** A call failed for good (stream deleted, access denied, throttled past the deadline): keep what was read, say why. */
    RangeRead<R> failed(Exception failure) {
        String message = failure.getMessage();
        return incomplete("reading the shard failed: " + failure.getClass().getSimpleName()
                + (message == null ? "" : ": " + message));
    }

    /**
     * A range's first record is a record Lambda delivered; when it is not there, retention has dropped it. The
     * sequence number keeps its text: DynamoDB's are zero-padded.
     */
    private void noteMissingStart(BigInteger first, String firstText) {
        if (records.isEmpty() && first.compareTo(start) > 0) {
            missing.add(MissingRange.fromBefore(batch.startSequenceNumber(), firstText, PAST_RETENTION));
        }
    }

    /** Past the end with nothing read: every record of the range is gone, the first one included. */
    private void noteWholeRangeGone() {
        if (records.isEmpty()) {
            missing.add(MissingRange.fromThrough(batch.startSequenceNumber(), batch.endSequenceNumber(), PAST_RETENTION));
        }
    }
}
