package io.kinesishydrator.hydrate.internal;

import java.util.List;

/**
 * Writes a stream's records as the dead-letter message's {@code records} array holds them.
 *
 * @param <R> the stream's record type
 */
public interface RecordRenderer<R> {

    String sequenceNumber(R record);

    /**
     * The record as one or more JSON objects (a KPL aggregate is several user records), each the fullest form
     * of it that fits in {@code budget} bytes of UTF-8; one that fits in no form is truncated, unless this is a
     * renderer {@link #keepingOversized() keeping oversized records}.
     */
    List<String> render(R record, int budget);

    /**
     * This renderer, except that a record that fits in no form is rendered whole, over the budget: it then fills
     * a message of its own, which goes to the payload bucket (see {@link DeadLetterWriter}).
     */
    RecordRenderer<R> keepingOversized();
}
