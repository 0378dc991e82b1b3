package io.kinesishydrator.hydrate.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders records {@link RecordRenderer#keepingOversized() keeping oversized ones whole} when there is a payload
 * bucket, each then in a message of its own that goes there; when such a message cannot be stored, its record is
 * rendered again truncated and remembered, so the range's outcome says so. Without a bucket, an oversized record
 * is truncated where it is, and noted. One instance per range read.
 *
 * @param <R> the stream's record type
 */
public final class OversizedRecords<R> implements RecordRenderer<R> {
    private final RecordRenderer<R> truncating;
    private final RecordRenderer<R> keeping;
    private final boolean payloadBucket;
    private final Map<String, MissingRange> notStored = new LinkedHashMap<>();
    private final Set<String> withoutBucket = new LinkedHashSet<>();

    /** @param payloadBucket whether messages too large for the queue can be stored in a payload bucket */
    public OversizedRecords(RecordRenderer<R> renderer, boolean payloadBucket) {
        this.truncating = renderer;
        this.keeping = renderer.keepingOversized();
        this.payloadBucket = payloadBucket;
    }

    @Override
    public String sequenceNumber(R record) {
        return keeping.sequenceNumber(record);
    }

    @Override
    public List<String> render(R record, int budget) {
        List<String> kept = keeping.render(record, budget);
        if (payloadBucket || kept.stream().noneMatch(json -> Utf8.length(json) > budget)) {
            return kept;
        }
        withoutBucket.add(sequenceNumber(record));
        return truncating.render(record, budget);
    }

    @Override
    public RecordRenderer<R> keepingOversized() {
        return this;
    }

    /**
     * The record rendered with what fits in no message truncated, because {@code failure} kept its message out of
     * the payload bucket. The entries are the ones {@link #render} wrote, in the same order.
     */
    public List<String> truncated(R record, int budget, PayloadNotStoredException failure) {
        String sequenceNumber = sequenceNumber(record);
        if (failure.bucketFailed()) {
            notStored.putIfAbsent(sequenceNumber, new MissingRange(sequenceNumber, null, null, sequenceNumber,
                    "too large for a message and sent truncated, its data not stored: " + failure.getMessage()));
        } else {
            withoutBucket.add(sequenceNumber);
        }
        return truncating.render(record, budget);
    }

    /** How many stream records were sent truncated: each counts once. */
    public int count() {
        return notStored.size() + withoutBucket.size();
    }

    /** Each record a bucket failure left truncated, its data missing for that reason. */
    List<MissingRange> missing() {
        return List.copyOf(notStored.values());
    }

    /** A note of the records sent truncated because no payload bucket is configured, if any were. */
    List<String> notes() {
        return withoutBucket.isEmpty() ? List.of() : List.of(withoutBucket.size() + " record(s) too large for a message"
                + " sent truncated (dataBytes and dataSha256, no data): no payload bucket is configured (PAYLOAD_BUCKET)");
    }

    /**
     * The read as its last message reports it: each record a bucket failure left truncated is missing its data
     * (the read is incomplete); records truncated for want of a bucket are noted, the status what it was.
     */
    public RangeRead sentTruncated(RangeRead read) {
        List<MissingRange> missing = withMissing(read.missingBeforeTheDeadline());
        if (read.outOfTime()) {
            missing.add(read.missing().getLast());
        }
        return new RangeRead(read.recordsRead(), read.lastSequenceNumberRead(), missing, withNotes(read.notes()),
                read.outOfTime());
    }

    /** {@code missing} and, after it, the records left truncated not already in it (a continuation carries them). */
    List<MissingRange> withMissing(List<MissingRange> missing) {
        List<MissingRange> all = new ArrayList<>(missing);
        missing().stream().filter(range -> !missing.contains(range)).forEach(all::add);
        return all;
    }

    List<String> withNotes(List<String> notes) {
        List<String> all = new ArrayList<>(notes);
        all.addAll(notes());
        return all;
    }
}
