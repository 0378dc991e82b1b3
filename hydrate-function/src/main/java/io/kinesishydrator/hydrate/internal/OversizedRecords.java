package io.kinesishydrator.hydrate.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders records {@link RecordRenderer#keepingOversized() keeping oversized ones whole} and remembers which they
 * were, so that when their messages cannot be offloaded the read can be composed again with them truncated, and
 * say so. One instance per notification.
 *
 * @param <R> the stream's record type
 */
public final class OversizedRecords<R> implements RecordRenderer<R> {
    private final RecordRenderer<R> keeping;
    private final Set<String> sequenceNumbers = new LinkedHashSet<>();

    public OversizedRecords(RecordRenderer<R> renderer) {
        this.keeping = renderer.keepingOversized();
    }

    @Override
    public String sequenceNumber(R record) {
        return keeping.sequenceNumber(record);
    }

    @Override
    public List<String> render(R record, int budget) {
        List<String> rendered = keeping.render(record, budget);
        if (rendered.stream().anyMatch(json -> Utf8.length(json) > budget)) {
            sequenceNumbers.add(keeping.sequenceNumber(record));
        }
        return rendered;
    }

    @Override
    public RecordRenderer<R> keepingOversized() {
        return this;
    }

    /** How many stream records had (a user record) too large for a message: each counts once. */
    public int count() {
        return sequenceNumbers.size();
    }

    /**
     * The read as it goes out when the oversized records are sent truncated because {@code failure} kept them out
     * of the payload bucket: when a bucket failed, each such record's data is missing for that reason (the read is
     * incomplete); when none is configured, a note says so and the status is what it was.
     */
    public RangeRead<R> sentTruncated(RangeRead<R> read, PayloadNotStoredException failure) {
        if (!failure.bucketFailed()) {
            List<String> notes = new ArrayList<>(read.notes());
            notes.add(count() + " record(s) too large for a message sent truncated (dataBytes and dataSha256, no data):"
                    + " no payload bucket is configured (PAYLOAD_BUCKET)");
            return new RangeRead<>(read.records(), read.missing(), notes);
        }
        List<MissingRange> missing = new ArrayList<>(read.missing());
        String reason = "too large for a message and sent truncated, its data not stored: " + failure.getMessage();
        for (String sequenceNumber : sequenceNumbers) {
            missing.add(new MissingRange(sequenceNumber, null, null, sequenceNumber, reason));
        }
        return new RangeRead<>(read.records(), missing, read.notes());
    }
}
