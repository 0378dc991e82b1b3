package io.kinesishydrator.hydrate.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Passes on the records of one range as pages of a shard come in, and notes the parts of the range found
 * missing: the rules both stream readers share. Records before the start are skipped, the first record past the
 * end stops it, and a range whose first record is not the first one found has lost its head to retention. A
 * {@link Continuation} picks up after the last record its earlier invocations sent, with what they found missing.
 *
 * @param <R> the stream's record type
 */
final class RangeCollector<R> {
    static final String PAST_RETENTION = "no longer in the stream: past its retention period";
    static final String OUT_OF_TIME = "the Lambda ran out of time";

    private final StreamBatchInfo batch;
    private final Function<R, String> sequenceNumberOf;
    private final Consumer<R> records;
    private final BigInteger end;
    private final List<MissingRange> missing;
    private final List<String> notes;
    private BigInteger last;
    private String lastText;
    private int recordsRead;

    /**
     * @param from    null to collect from the range's start
     * @param records receives each record of the range, in shard order
     */
    RangeCollector(StreamBatchInfo batch, Continuation from, Function<R, String> sequenceNumberOf, Consumer<R> records) {
        this.batch = batch;
        this.sequenceNumberOf = sequenceNumberOf;
        this.records = records;
        this.end = batch.end();
        this.missing = new ArrayList<>(from == null ? List.of() : from.missing());
        this.notes = new ArrayList<>(from == null ? List.of() : from.notes());
        this.lastText = from == null ? null : from.afterSequenceNumber();
        this.last = lastText == null ? null : new BigInteger(lastText);
        this.recordsRead = from == null ? 0 : from.recordsSent();
    }

    /** Passes on the page's records within range; true once the end is reached or passed. */
    boolean take(List<R> page) {
        for (R record : page) {
            String text = sequenceNumberOf.apply(record);
            BigInteger sequenceNumber = new BigInteger(text);
            if (sequenceNumber.compareTo(end) > 0) {
                noteWholeRangeGone();
                return true;
            }
            if (within(sequenceNumber)) {
                noteMissingStart(sequenceNumber, text);
                handOn(record);
                recordsRead++;
                last = sequenceNumber;
                lastText = text;
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
        return lastText == null;
    }

    /** The sequence number of the last record read, or null when none was. */
    String lastSequenceNumber() {
        return lastText;
    }

    /** The end was reached: the read is complete unless its head was found missing. */
    RangeRead finish() {
        Integer expected = batch.batchSize();
        if (expected != null && expected != recordsRead && missing.isEmpty()) {
            notes.add("read " + recordsRead + " records where the notification's batchSize is " + expected);
        }
        return new RangeRead(recordsRead, lastText, missing, notes, false);
    }

    /** Reading stopped before the end: what was not read is missing, for {@code reason}. */
    RangeRead incomplete(String reason) {
        addMissingTail(reason);
        return new RangeRead(recordsRead, lastText, missing, notes, false);
    }

    /** The deadline came before the end: the tail not read is missing, and a continuation may read it. */
    RangeRead outOfTime() {
        addMissingTail(OUT_OF_TIME);
        return new RangeRead(recordsRead, lastText, missing, notes, true);
    }

    /** A call failed for good (stream deleted, access denied, throttled past the deadline): keep what was read, say why. */
    RangeRead failed(Exception failure) {
        String message = failure.getMessage();
        return incomplete("reading the shard failed: " + failure.getClass().getSimpleName()
                + (message == null ? "" : ": " + message));
    }

    private void handOn(R record) {
        try {
            records.accept(record);
        } catch (RuntimeException failure) {
            throw new ReceiverFailure(failure);
        }
    }

    /**
     * The receiver of the records failed (the dead-letter queue refused a message): not the shard's doing, so the
     * reader lets {@link #getCause()} out as it came, rather than report the rest of the range missing.
     */
    static final class ReceiverFailure extends RuntimeException {
        ReceiverFailure(RuntimeException cause) {
            super(cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    /** From the start on, or, once a record was read (in this invocation or an earlier one), after it. */
    private boolean within(BigInteger sequenceNumber) {
        return last == null ? sequenceNumber.compareTo(batch.start()) >= 0 : sequenceNumber.compareTo(last) > 0;
    }

    private void addMissingTail(String reason) {
        missing.add(nothingRead()
                ? MissingRange.fromThrough(batch.startSequenceNumber(), batch.endSequenceNumber(), reason)
                : MissingRange.afterThrough(lastText, batch.endSequenceNumber(), reason));
    }

    /**
     * A range's first record is a record Lambda delivered; when it is not there, retention has dropped it. The
     * sequence number keeps its text: DynamoDB's are zero-padded.
     */
    private void noteMissingStart(BigInteger first, String firstText) {
        if (nothingRead() && first.compareTo(batch.start()) > 0) {
            missing.add(MissingRange.fromBefore(batch.startSequenceNumber(), firstText, PAST_RETENTION));
        }
    }

    /** Past the end with nothing read: every record of the range is gone, the first one included. */
    private void noteWholeRangeGone() {
        if (nothingRead()) {
            missing.add(MissingRange.fromThrough(batch.startSequenceNumber(), batch.endSequenceNumber(), PAST_RETENTION));
        }
    }
}
