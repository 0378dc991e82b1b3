package io.kinesishydrator.redrive;

import io.kinesishydrator.redrive.Destinations.Destination;
import io.kinesishydrator.redrive.RedriveSummary.Left;
import io.kinesishydrator.redrive.ShardMap.Route;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Replays a dead-letter queue into Kinesis: each message's records go back to the stream they came from (or
 * to one stream for all), and the message is deleted only once every one of its records is in the stream.
 * Into the stream they came from, they go back to the shard they were read from, or to its child after a
 * reshard ({@link ShardMap}).
 *
 * <p>A run reads up to {@code maxMessages} messages, holding them invisible, and puts them back in shard
 * order (batches of a shard by first sequence number, then part by part), so a consumer sees a shard's records
 * in the order they were first written, except that an entry PutRecords refused and the sender resent lands
 * after the records put before it. A message
 * that cannot be redriven whole is not redriven at all, so that no record of it is put twice by a later run:
 * one with truncated records, with records at the redrive limit, for a stream that does not exist or whose
 * shards cannot be listed, with records over the stream's maximum record size. A message whose body was offloaded
 * to S3 ({@link PayloadPointer}) is read from there, and its object deleted only after the message; one whose
 * object cannot be read stays. Every
 * message that stays (those, messages outside the filters, messages not in the hydrate's schema, and, in a
 * dry run, all of them) is made visible again at the end, as it was before the run.
 */
final class DeadLetterRedriver {
    private static final int MAX_PARTITION_KEY_LENGTH = 256;
    private static final int PREVIEW_CHARACTERS = 60;

    private final DeadLetterQueue queue;
    private final OffloadedBodies offloadedBodies;
    private final Destinations destinations;
    private final DeadLetterParser parser = new DeadLetterParser();
    private final RedriveOptions options;
    private final PrintWriter out;

    DeadLetterRedriver(DeadLetterQueue queue, OffloadedBodies offloadedBodies, Destinations destinations, RedriveOptions options,
                       PrintWriter out) {
        this.queue = queue;
        this.offloadedBodies = offloadedBodies;
        this.destinations = destinations;
        this.options = options;
        this.out = out;
    }

    /**
     * A message received and read. The letter of an offloaded message has no records: they are read again from
     * {@code offloaded} at the message's turn, so a run does not hold every large body at once.
     */
    private record Held(Message message, DeadLetter letter, PayloadPointer offloaded) {
    }

    void run(RedriveSummary summary) {
        Set<String> seen = new HashSet<>();
        List<Message> toRelease = new ArrayList<>();
        try {
            // A FIFO queue delivers a group's next messages only once the earlier ones are gone: read again after each round.
            for (List<Message> fresh = receiveNew(seen, toRelease, summary); !fresh.isEmpty();
                 fresh = receiveNew(seen, toRelease, summary)) {
                for (Held held : select(fresh, toRelease, summary)) {
                    if (!redrive(held, summary)) {
                        toRelease.add(held.message());
                    }
                }
            }
            if (seen.size() >= options.maxMessages()) {
                summary.stoppedAtMaxMessages();
            }
        } finally {
            release(toRelease);
        }
    }

    private List<Message> receiveNew(Set<String> seen, List<Message> toRelease, RedriveSummary summary) {
        List<Message> fresh = new ArrayList<>();
        while (seen.size() < options.maxMessages()) {
            int before = fresh.size();
            for (Message message : queue.receive(options.maxMessages() - seen.size(), options.visibilityTimeout())) {
                if (seen.add(message.messageId())) {
                    fresh.add(message);
                    summary.received();
                } else {
                    // Back after its visibility timeout ran out: let it go again, with the receipt it now has.
                    toRelease.add(message);
                }
            }
            if (fresh.size() == before) {
                break;
            }
        }
        return fresh;
    }

    private List<Held> select(List<Message> messages, List<Message> toRelease, RedriveSummary summary) {
        List<Held> selected = new ArrayList<>();
        for (Message message : messages) {
            Held held = read(message, summary);
            if (held == null) {
                toRelease.add(message);
            } else if (options.selects(held.letter())) {
                selected.add(held);
            } else {
                summary.left(Left.NOT_SELECTED);
                toRelease.add(message);
            }
        }
        selected.sort(Comparator.comparing(Held::letter, DeadLetter.SHARD_ORDER));
        return selected;
    }

    /** The message read, its body from S3 when it was offloaded there; null when it stays, named in the output. */
    private Held read(Message message, RedriveSummary summary) {
        PayloadPointer offloaded = null;
        try {
            offloaded = PayloadPointer.of(message);
            DeadLetter letter = parser.parse(offloaded == null ? message.body() : offloadedBodies.read(offloaded));
            return new Held(message, offloaded == null ? letter : letter.withoutRecords(), offloaded);
        } catch (NotADeadLetterException notOurs) {
            summary.left(Left.NOT_IN_SCHEMA);
            out.println("left in the queue: message " + message.messageId() + ", not in the hydrate's schema: " + notOurs.getMessage());
        } catch (SdkException unreadable) {
            summary.left(Left.OFFLOADED_BODY_UNREADABLE);
            out.println("left in the queue: message " + message.messageId() + ": " + unreadable(offloaded, unreadable));
        }
        return null;
    }

    private static String unreadable(PayloadPointer offloaded, SdkException failure) {
        return "its body was offloaded to " + offloaded.location() + ", which could not be read (" + AwsErrors.describe(failure)
                + "): grant s3:GetObject on it, or, if the object is gone, put its records back from another copy and delete the message by hand";
    }

    /** Puts one message's records back; true when the message is no longer this run's to release. */
    private boolean redrive(Held held, RedriveSummary summary) {
        if (held.offloaded() == null) {
            return redrive(held, held.letter(), summary);
        }
        DeadLetter letter;
        try {
            letter = parser.parse(offloadedBodies.read(held.offloaded()));
        } catch (SdkException unreadable) {
            return leave(held, summary, Left.OFFLOADED_BODY_UNREADABLE, unreadable(held.offloaded(), unreadable));
        } catch (NotADeadLetterException notOurs) {
            return leave(held, summary, Left.NOT_IN_SCHEMA, "its body in " + held.offloaded().location()
                    + " is no longer in the hydrate's schema: " + notOurs.getMessage());
        }
        return redrive(held, letter, summary);
    }

    /** Puts the records of {@code letter}, the held message's, back. */
    private boolean redrive(Held held, DeadLetter letter, RedriveSummary summary) {
        List<DeadLetterRecord> truncated = letter.truncatedRecords();
        if (!truncated.isEmpty()) {
            summary.truncatedRecords(truncated.size());
            return leave(held, summary, Left.TRUNCATED_RECORDS, truncated.size() + " truncated record(s) (" + positions(truncated)
                    + ") were too large for a dead-letter message, which holds only their size and SHA-256: put them back"
                    + " from another copy, then delete the message");
        }
        List<DeadLetterRecord> overLimit = letter.records().stream()
                .filter(record -> RedriveMarker.redrives(record.partitionKey()) >= options.maxRedrives()).toList();
        if (!overLimit.isEmpty()) {
            return leave(held, summary, Left.REDRIVE_LIMIT, overLimit.size() + " record(s) (" + positions(overLimit)
                    + ") failed again after " + options.maxRedrives() + " redrive(s): fix the consumer first, or raise --max-redrives");
        }
        List<String> partitionKeys = letter.records().stream().map(this::partitionKey).toList();
        if (options.mark() == MarkMode.PARTITION_KEY) {
            List<DeadLetterRecord> noRoom = recordsWhere(letter, i -> partitionKeys.get(i).length() > MAX_PARTITION_KEY_LENGTH);
            if (!noRoom.isEmpty()) {
                return leave(held, summary, Left.KEY_TOO_LONG_TO_MARK, noRoom.size() + " record(s) (" + positions(noRoom)
                        + ") have partition keys too long for the redrive mark under Kinesis' 256 characters: redrive with --mark none");
            }
        }
        Destination destination;
        try {
            destination = destinations.resolve(options.toStream() != null ? options.toStream() : letter.streamArn());
        } catch (StreamNotFoundException missing) {
            return leave(held, summary, Left.STREAM_NOT_FOUND, missing.getMessage() + ": redrive with --to-stream");
        }
        ShardMap shards;
        try {
            shards = destination.shardsFor(letter.streamArn());
        } catch (SdkException failed) {
            // Routed by partition key instead, its records could land on other shards than they were read from.
            return leave(held, summary, Left.SHARDS_NOT_LISTED, "the shards of " + destination.stream() + " could not be"
                    + " listed to find the one its records were read from (" + AwsErrors.describe(failed) + ")");
        }
        List<Route> routes = letter.records().stream().map(record -> route(record, letter.shardId(), shards)).toList();
        List<PutRecordsRequestEntry> entries = new ArrayList<>(routes.size());
        for (int i = 0; i < routes.size(); i++) {
            entries.add(entry(letter.records().get(i), partitionKeys.get(i), routes.get(i)));
        }
        List<DeadLetterRecord> tooLarge = recordsWhere(letter, i -> PutRecordsBatcher.bytes(entries.get(i)) > destination.maxBytesPerRecord());
        if (!tooLarge.isEmpty()) {
            return leave(held, summary, Left.RECORDS_TOO_LARGE_FOR_STREAM, tooLarge.size() + " record(s) (" + positions(tooLarge)
                    + ") are larger than the " + destination.maxBytesPerRecord() / 1024 + " KiB a record " + destination.stream()
                    + " takes: raise its maximum record size (aws kinesis update-max-record-size, up to 10240 KiB), or redrive with --to-stream");
        }
        if (DeadLetter.INCOMPLETE.equals(letter.status())) {
            out.println("note: message " + held.message().messageId() + " (" + letter.describe() + ") is INCOMPLETE ("
                    + letter.reason() + "): the records it holds are redriven; the ones missing from it cannot be");
        }
        if (options.dryRun()) {
            printWouldPut(held, letter, destination, entries);
            summary.routed(routes);
            summary.redriven(entries.size());
            return false;
        }
        if (!queue.hold(held.message(), options.visibilityTimeout())) {
            summary.left(Left.HOLD_LOST);
            out.println("left in the queue: message " + held.message().messageId() + " (" + letter.describe() + "): its visibility"
                    + " timeout ran out before its turn, so it may be another reader's now; raise --visibility-timeout");
            return true;
        }
        summary.routed(routes);
        SendResult result = destination.sender().send(destination.stream(), entries);
        summary.sent(result);
        if (!result.allPut()) {
            return leave(held, summary, Left.RECORDS_NOT_PUT, result.notPut().size() + " of " + entries.size()
                    + " record(s) could not be put " + result.notPutByErrorCode() + ", first: " + result.notPut().get(0).errorMessage()
                    + "; the " + result.put().size() + " put are put again when the message is redriven again");
        }
        try {
            queue.delete(held.message());
        } catch (SdkException failed) {
            summary.putButNotDeleted();
            out.println("WARNING: message " + held.message().messageId() + " (" + letter.describe() + "): its records were put,"
                    + " but deleting it failed (" + AwsErrors.describe(failed) + "); delete it by hand, or a later run puts them again");
            return true;
        }
        summary.redriven(entries.size());
        if (held.offloaded() != null) {
            deleteOffloadedBody(held, summary);
        }
        return true;
    }

    /** After the message, never before: a message left in the queue must still find its body. */
    private void deleteOffloadedBody(Held held, RedriveSummary summary) {
        try {
            offloadedBodies.delete(held.offloaded());
        } catch (SdkException failed) {
            summary.offloadedBodyNotDeleted();
            out.println("WARNING: message " + held.message().messageId() + " (" + held.letter().describe() + ") was redriven and"
                    + " deleted, but its body " + held.offloaded().location() + " could not be deleted (" + AwsErrors.describe(failed)
                    + "): delete it by hand");
        }
    }

    /** The record's partition key as it goes back: with the redrive mark when marking. */
    private String partitionKey(DeadLetterRecord record) {
        return options.mark() == MarkMode.PARTITION_KEY ? RedriveMarker.mark(record.partitionKey()) : record.partitionKey();
    }

    /**
     * How the record finds its shard: a KPL user record by the explicit hash key its producer chose, any other
     * into the shard it was read from ({@link ShardMap}), by the key its producer chose, without the mark.
     */
    private static Route route(DeadLetterRecord record, String sourceShardId, ShardMap shards) {
        if (record.explicitHashKey() != null) {
            return new Route(Routing.PRODUCER_HASH_KEY, record.explicitHashKey());
        }
        return shards.route(sourceShardId, RedriveMarker.originalPartitionKey(record.partitionKey()));
    }

    /**
     * The record as it goes back, with its data and {@code partitionKey}, and the route's explicit hash key. A
     * record routed by partition key with a marked key gets the hash of the original key, so that it is routed as
     * the original key routes it; with an unmarked key Kinesis hashes the key as it did the first time.
     */
    private static PutRecordsRequestEntry entry(DeadLetterRecord record, String partitionKey, Route route) {
        String explicitHashKey = route.explicitHashKey() != null ? route.explicitHashKey()
                : RedriveMarker.redrives(partitionKey) > 0 ? RedriveMarker.hashKeyOf(RedriveMarker.originalPartitionKey(partitionKey))
                : null;
        return PutRecordsRequestEntry.builder().partitionKey(partitionKey).explicitHashKey(explicitHashKey).data(record.data()).build();
    }

    private boolean leave(Held held, RedriveSummary summary, Left reason, String detail) {
        summary.left(reason);
        out.println("left in the queue: message " + held.message().messageId() + " (" + held.letter().describe() + "): " + detail);
        return false;
    }

    private void printWouldPut(Held held, DeadLetter letter, Destination destination, List<PutRecordsRequestEntry> entries) {
        out.println("would put " + entries.size() + " record(s) of message " + held.message().messageId() + " ("
                + held.letter().describe() + ") into " + destination.stream() + ":");
        for (int i = 0; i < entries.size(); i++) {
            PutRecordsRequestEntry entry = entries.get(i);
            out.println("  " + letter.records().get(i).position() + "  partitionKey=" + entry.partitionKey()
                    + (entry.explicitHashKey() == null ? "" : "  explicitHashKey=" + entry.explicitHashKey())
                    + "  " + entry.data().asByteArrayUnsafe().length + " bytes  " + preview(entry.data().asByteArrayUnsafe()));
        }
    }

    /** The start of the data as text, or a note that it is not text, so the operator can tell records apart. */
    private static String preview(byte[] data) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException binary) {
            return "(binary)";
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
            return "(binary)";
        }
        return text.length() <= PREVIEW_CHARACTERS ? text : text.substring(0, PREVIEW_CHARACTERS) + "...";
    }

    /** The records of {@code letter} whose index passes {@code test}. */
    private static List<DeadLetterRecord> recordsWhere(DeadLetter letter, IntPredicate test) {
        return IntStream.range(0, letter.records().size()).filter(test).mapToObj(letter.records()::get).toList();
    }

    private static String positions(List<DeadLetterRecord> records) {
        return records.stream().map(DeadLetterRecord::position).collect(Collectors.joining(", "));
    }

    private void release(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        try {
            int notReleased = queue.release(messages);
            if (notReleased > 0) {
                out.println("note: " + notReleased + " message(s) could not be made visible again at once; they reappear"
                        + " when their visibility timeout runs out");
            }
        } catch (SdkException failed) {
            out.println("note: the messages left could not be made visible again at once (" + AwsErrors.describe(failed)
                    + "); they reappear when their visibility timeout runs out");
        }
    }
}
