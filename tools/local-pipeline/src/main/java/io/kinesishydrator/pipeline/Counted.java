package io.kinesishydrator.pipeline;

/** A count with its noun, singular for one: "1 OnFailure record", "2 OnFailure records". */
final class Counted {
    private Counted() {
    }

    /** {@code singular} takes an "s" in the plural. */
    static String of(long count, String singular) {
        return of(count, singular, singular + "s");
    }

    static String of(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }
}
