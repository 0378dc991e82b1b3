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
 * @param <R> the stream's record type
 */
public final class DeadLetterPacker<R> {
    private final DeadLetterEnvelope envelope;
    private final RecordRenderer<R> renderer;
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
    private Sent sent;
    private int messagesSent;

    /** How far the messages sent reach, at the end of a record: where a continuation goes on from. */
    private record Sent(String afterSequenceNumber, int nextPart, int records) {
    }

    DeadLetterPacker(DeadLetterEnvelope envelope, RecordRenderer<R> renderer, int maxMessageBytes, Continuation from,
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
        for (String entry : entries) {
            if (!filling.isEmpty() && fillingBytes + 1 + Utf8.length(entry) > budget) {
                sendFilling(false);
            }
            fillingBytes += (filling.isEmpty() ? 0 : 1) + Utf8.length(entry);
            filling.add(entry);
        }
        recordsAdded++;
        lastSequenceNumber = renderer.sequenceNumber(record);
    }

    /** Sends what is being filled as the range's last message, with its outcome. */
    public void finish(RangeRead read) {
        DeadLetterMessage last = envelope.last(part, read, filling);
        if (last.sizeInBytes() > maxMessageBytes && !filling.isEmpty()) {
            sendFilling(true);
            last = envelope.last(part, read, filling);
        }
        if (last.sizeInBytes() > maxMessageBytes) {
            throw new IllegalStateException("the dead-letter message limit of " + maxMessageBytes
                    + " bytes cannot hold the notification and its outcome; raise DLQ_MAX_MESSAGE_BYTES");
        }
        send(last);
        sent = new Sent(lastSequenceNumber, part + 1, recordsAdded);
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
                sent.nextPart(), sent.records(), read.missingBeforeTheDeadline(), read.notes()));
    }

    public int messagesSent() {
        return messagesSent;
    }

    /** The stream records of the range in the messages this invocation sent. */
    public int recordsSent() {
        return sent.records() - recordsSentBefore;
    }

    private int sizeAfterFilling(List<String> entries) {
        int size = 0;
        for (String entry : entries) {
            size += 1 + Utf8.length(entry);
        }
        return size;
    }

    private void sendFilling(boolean endsARecord) {
        send(envelope.partial(part, filling));
        if (endsARecord) {
            sent = new Sent(lastSequenceNumber, part + 1, recordsAdded);
        }
        part++;
        filling.clear();
        fillingBytes = 0;
    }

    private void send(DeadLetterMessage message) {
        messages.accept(message);
        messagesSent++;
    }
}
