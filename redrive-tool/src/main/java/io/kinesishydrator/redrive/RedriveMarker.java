package io.kinesishydrator.redrive;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mark a redriven record carries where its consumer sees it: a suffix on the partition key,
 * {@code <original key>~redrive-<n>}, {@code n} being how many times the record has been redriven.
 *
 * <p>Kinesis records have no headers, and the data is the producer's, so the partition key is the only field a
 * consumer sees that can carry the mark without touching the bytes. A new key alone would hash to another
 * shard, so a marked record also gets an explicit hash key: the MD5 of its original key as a 128-bit number,
 * which is exactly how Kinesis routes the original key. The record lands where it would have landed unmarked,
 * in every stream. The cost: a consumer that reads the partition key as business data sees the suffix and must
 * strip it ({@link #originalPartitionKey}), and a key of more than 246 characters has no room for it under Kinesis'
 * limit of 256.
 *
 * <p>A record that failed again after a redrive reaches the dead-letter queue with its marked key, so the
 * count goes up on each redrive and a redrive loop shows, to the consumer and to the redrive tool, which stops
 * at a limit.
 */
public final class RedriveMarker {
    public static final String SUFFIX = "~redrive-";
    private static final Pattern MARKED = Pattern.compile("(.+)" + Pattern.quote(SUFFIX) + "([1-9][0-9]{0,8})", Pattern.DOTALL);

    private RedriveMarker() {
    }

    /** How many times a record with this key was redriven: 0 for a key without the mark. */
    public static int redrives(String partitionKey) {
        Matcher marked = MARKED.matcher(partitionKey);
        return marked.matches() ? Integer.parseInt(marked.group(2)) : 0;
    }

    /** The key the producer chose: {@code partitionKey} without the mark. */
    public static String originalPartitionKey(String partitionKey) {
        Matcher marked = MARKED.matcher(partitionKey);
        return marked.matches() ? marked.group(1) : partitionKey;
    }

    /** The key for one more redrive: the original key with the count raised by one. */
    public static String mark(String partitionKey) {
        return originalPartitionKey(partitionKey) + SUFFIX + (redrives(partitionKey) + 1);
    }

    /** The hash key Kinesis derives from {@code partitionKey}: its MD5 digest as an unsigned 128-bit number. */
    public static String hashKeyOf(String partitionKey) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest).toString();
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform must provide MD5", impossible);
        }
    }
}
