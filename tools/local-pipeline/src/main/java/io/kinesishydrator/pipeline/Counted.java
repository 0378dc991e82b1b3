package io.kinesishydrator.pipeline;

/** A count with its noun, singular for one: "1 OnFailure record", "2 OnFailure records". */
final class Counted {
    private Counted() {
    }

    /** {@code noun} is the singular; the plural adds an "s". */
    static String of(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
