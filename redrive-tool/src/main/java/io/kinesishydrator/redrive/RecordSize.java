package io.kinesishydrator.redrive;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size demo records are padded to: one size, or sizes drawn evenly from a range. {@link #NATURAL} pads none:
 * each record is as long as its order.
 */
record RecordSize(int min, int max) {
    static final RecordSize NATURAL = new RecordSize(0, 0);
    private static final Pattern FORMAT = Pattern.compile("([0-9]{1,7})(?:-([0-9]{1,7}))?");

    /** {@code SIZE} or {@code MIN-MAX}, in bytes, at most 1 MiB. */
    static RecordSize parse(String text) {
        Matcher size = FORMAT.matcher(text);
        if (!size.matches()) {
            throw new IllegalArgumentException("--record-bytes must be SIZE or MIN-MAX in bytes, got '" + text + "'");
        }
        int min = Integer.parseInt(size.group(1));
        int max = size.group(2) == null ? min : Integer.parseInt(size.group(2));
        if (min < 1 || min > max || max > PutRecordsSender.MAX_BYTES_PER_RECORD) {
            throw new IllegalArgumentException("--record-bytes must be from 1 to " + PutRecordsSender.MAX_BYTES_PER_RECORD
                    + " with MIN no larger than MAX, got '" + text + "'");
        }
        return new RecordSize(min, max);
    }

    int pick(Random random) {
        return min == max ? min : min + random.nextInt(max - min + 1);
    }
}
