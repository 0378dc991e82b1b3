package io.kinesishydrator.redrive;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;

/**
 * One dead-letter message in the hydrate's schema, as far as a redrive needs it: where the failed batch was,
 * which part of it this message holds, and its records in shard order.
 *
 * @param condition why Lambda gave up ({@code requestContext.condition}), or null when the message does not say
 * @param parts     on a batch's last message, the number of its parts; null on the messages before it
 * @param reason    why the hydration is {@code INCOMPLETE}, or null
 */
public record DeadLetter(String streamArn, String shardId, String startSequenceNumber, String endSequenceNumber,
                         String condition, String batchKey, int part, Integer parts, String status, String reason,
                         List<DeadLetterRecord> records) {

    public static final String INCOMPLETE = "INCOMPLETE";

    /** Shard order: batches of a shard by their first sequence number, then the parts of each batch. */
    public static final Comparator<DeadLetter> SHARD_ORDER = Comparator.comparing(DeadLetter::streamArn)
            .thenComparing(DeadLetter::shardId)
            .thenComparing(letter -> new BigInteger(letter.startSequenceNumber()))
            .thenComparing(DeadLetter::batchKey)
            .thenComparingInt(DeadLetter::part);

    public DeadLetter {
        records = List.copyOf(records);
    }

    /** The same message without its records, for a reader that reads them again when it needs them. */
    public DeadLetter withoutRecords() {
        return new DeadLetter(streamArn, shardId, startSequenceNumber, endSequenceNumber, condition, batchKey, part, parts,
                status, reason, List.of());
    }

    public List<DeadLetterRecord> truncatedRecords() {
        return records.stream().filter(DeadLetterRecord::truncated).toList();
    }

    /** The batch and part, for messages to the operator. */
    public String describe() {
        return shardId + " " + startSequenceNumber + "-" + endSequenceNumber + " part " + part + (parts == null ? "" : "/" + parts);
    }
}
