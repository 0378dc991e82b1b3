package io.kinesishydrator.hydrate.internal;

/**
 * Part of a failed batch's range that could not be read, and why. Sequence numbers are not contiguous, so each
 * end says whether it is included: {@code from}/{@code after} open it, {@code before}/{@code through} close it;
 * exactly one of each pair is set.
 */
public record MissingRange(String from, String after, String before, String through, String reason) {

    /** Records from {@code start} up to, not including, {@code firstRead}: the head of the range is gone. */
    static MissingRange fromBefore(String start, String firstRead, String reason) {
        return new MissingRange(start, null, firstRead, null, reason);
    }

    /** Everything after {@code lastRead} through {@code end}: reading stopped early. */
    static MissingRange afterThrough(String lastRead, String end, String reason) {
        return new MissingRange(null, lastRead, null, end, reason);
    }

    /** The whole range. */
    static MissingRange fromThrough(String start, String end, String reason) {
        return new MissingRange(start, null, null, end, reason);
    }
}
