package io.kinesishydrator.hydrate.internal;

import io.kinesishydrator.hydrate.DeadLetterMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The dead-letter messages of one range, filled as its records come in and handed on as each fills, so only the
 * records of the message being filled are held. A message is full when the next record does not fit: its parts
 * are numbered in shard order and what each holds depends only on the records, so a range read again, whole or
 * from a {@link Continuation}, is split at the same records under the same part numbers.
 *
 * <p>A record's entries (a KPL aggregate's user records) go into one message whenever they fit one; only an
 * aggregate too large for a message spans two. The range's outcome goes in the last message, after the last
 * record: when it does not fit beside the records, the records go in a message of their own and the last one
 * holds none.
 *
 * <p>Records are rendered through {@link OversizedRecords}: with a payload bucket, a record (a user record) that
 * fits in no message is written whole, alone in its message (the last one also holding the outcome), which the writer stores in the
 * payload bucket. When it cannot ({@link PayloadNotStoredException}), the same message is sent with the record
 * truncated under the same part number, so the split stays the same, and the range's outcome says what was not
 * stored.
 *
 * @param <R> the stream's record type
 */
public final class DeadLetterPacker<R> {
    private final DeadLetterEnvelope envelope;
    private final OversizedRecords<R> renderer;
    private final int maxMessageBytes;
    private final int budget;
    private final Consumer<DeadLetterMessage> messages;
    private final Continuation from;
    private final int recordsSentBefore;
    private final List<String> filling = new ArrayList<>();
    private int fillingBytes;
    private int part;
    private int recordsAdded;
    private String lastSequenceNumber;
    private R oversized;
    private int oversizedEntry;
    private Sent sent;
    private int messagesSent;

    /** How far the messages sent reach, at the end of a record: where a continuation goes on from. */
    private record Sent(String afterSequenceNumber, int nextPart, int records) {
    }

    DeadLetterPacker(DeadLetterEnvelope envelope, OversizedRecords<R> renderer, int maxMessageBytes, Continuation from,
                     Consumer<DeadLetterMessage> messages) {
        this.envelope = envelope;
        this.renderer = renderer;
        this.maxMessageBytes = maxMessageBytes;
        this.budget = maxMessageBytes - envelope.sizeOfWidestPartial();
        if (budget <= 0) {
            throw new IllegalStateException("the dead-letter message limit of " + maxMessageBytes
                    + " bytes cannot hold even the notification; raise DLQ_MAX_MESSAGE_BYTES");
        }
        this.messages = messages;
        this.from = from;
        this.sent = from == null ? new Sent(null, 1, 0) : new Sent(from.afterSequenceNumber(), from.nextPart(), from.recordsSent());
        this.part = sent.nextPart();
        this.recordsSentBefore = sent.records();
        this.recordsAdded = sent.records();
    }

    /** Adds the next record of the range; sends the message being filled first when the record does not fit in it. */
    public void add(R record) {
        List<String> entries = renderer.render(record, budget);
        if (!filling.isEmpty() && fillingBytes + sizeAfterFilling(entries) > budget) {
            sendFilling(true);
        }
        for (int index = 0; index < entries.size(); index++) {
            String entry = entries.get(index);
            if (!filling.isEmpty() && fillingBytes + 1 + Utf8.length(entry) > budget) {
                sendFilling(false);
            }
            fillingBytes += (filling.isEmpty() ? 0 : 1) + Utf8.length(entry);
            filling.add(entry);
            if (Utf8.length(entry) > budget) {
                oversized = record;
                oversizedEntry = index;
            }
        }
        recordsAdded++;
        lastSequenceNumber = renderer.sequenceNumber(record);
    }

    /**
     * Sends what is being filled as the range's last message, with its outcome. A record that fits in no message
     * goes in the last one, offloaded with it; when the bucket refuses it, the last message holds it truncated
     * and its outcome says so.
     *
     * @return the read as the last message reports it: with the records sent truncated
     */
    public RangeRead finish(RangeRead read) {
        if (oversized != null) {
            try {
                return sendLast(renderer.sentTruncated(read));
            } catch (PayloadNotStoredException failure) {
                truncateOversized(failure);
            }
        }
        RangeRead outcome = renderer.sentTruncated(read);
        if (!filling.isEmpty() && envelope.last(part, outcome, filling).sizeInBytes() > maxMessageBytes) {
            sendFilling(true);
        }
        if (envelope.last(part, outcome, filling).sizeInBytes() > maxMessageBytes) {
            throw new IllegalStateException("the dead-letter message limit of " + maxMessageBytes
                    + " bytes cannot hold the notification and its outcome; raise DLQ_MAX_MESSAGE_BYTES");
        }
        return sendLast(outcome);
    }

    private RangeRead sendLast(RangeRead outcome) {
        send(envelope.last(part, outcome, filling));
        oversized = null;
        sent = new Sent(lastSequenceNumber, part + 1, recordsAdded);
        return outcome;
    }

    /**
     * Where another invocation goes on from: after the last record of the last message sent, without the records
     * read since, which it reads again. Empty when this invocation sent no message that ends a record: going on
     * would only start where it started.
     */
    public Optional<Continuation> continuation(RangeRead read) {
        int startPart = from == null ? 1 : from.nextPart();
        if (sent.nextPart() == startPart) {
            return Optional.empty();
        }
        return Optional.of(new Continuation(from == null ? 1 : from.number() + 1, sent.afterSequenceNumber(),
                sent.nextPart(), sent.records(), renderer.withMissing(read.missingBeforeTheDeadline()),
                renderer.withNotes(read.notes())));
    }

    public int messagesSent() {
        return messagesSent;
    }

    /** The stream records of the range in the messages this invocation sent, truncated ones included. */
    public int recordsSent() {
        return sent.records() - recordsSentBefore;
    }

    /** The stream records this invocation sent truncated, too large for a message and not in a payload bucket: their data is lost. */
    public int recordsNotStored() {
        return renderer.count();
    }

    private int sizeAfterFilling(List<String> entries) {
        int size = 0;
        for (String entry : entries) {
            size += 1 + Utf8.length(entry);
        }
        return size;
    }

    private void sendFilling(boolean endsARecord) {
        try {
            send(envelope.partial(part, filling));
        } catch (PayloadNotStoredException failure) {
            truncateOversized(failure);
            send(envelope.partial(part, filling));
        }
        oversized = null;
        if (endsARecord) {
            sent = new Sent(lastSequenceNumber, part + 1, recordsAdded);
        }
        part++;
        filling.clear();
        fillingBytes = 0;
    }

    /** Puts the oversized record the bucket refused ({@code failure}) in the message being filled truncated. */
    private void truncateOversized(PayloadNotStoredException failure) {
        if (oversized == null) {
            throw failure;
        }
        filling.set(0, renderer.truncated(oversized, budget, failure).get(oversizedEntry));
        oversized = null;
    }

    private void send(DeadLetterMessage message) {
        messages.accept(message);
        messagesSent++;
    }
}
