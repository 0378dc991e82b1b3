package io.kinesishydrator.testsupport;

import io.kinesishydrator.testsupport.JsonVariants.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs a reader on seeded {@link JsonVariants} and compares what it reads with what it owes, as a differential test
 * against the Lambda runtime's serializers states it: the same result where the runtime's result stands, a refusal
 * (any exception) where it owes one.
 */
public final class DifferentialReading {
    private DifferentialReading() {
    }

    /** Reads JSON text into what the test compares. */
    @FunctionalInterface
    public interface Reader {
        Object read(String json) throws Exception;
    }

    /** A reader's refusal of a variant: any exception, by its first line. */
    public record Refusal(String reason) {
    }

    /** What {@code reader} reads from {@code json}, or its {@link Refusal}. */
    public static Object readOrRefusal(Reader reader, String json) {
        try {
            return reader.read(json);
        } catch (Exception refused) {
            return new Refusal(String.valueOf(refused.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /**
     * Each of {@code count} variants on which {@code reader} does not read what {@code owed} says, described with
     * both answers; empty when it always does. {@code owed} answers a value, or a {@link Refusal} for "any refusal".
     */
    public static List<String> mismatches(JsonVariants variants, int count, Function<Variant, Object> owed, Reader reader) {
        List<String> mismatches = new ArrayList<>();
        int read = 0;
        for (int i = 0; i < count; i++) {
            Variant variant = variants.next();
            Object expected = owed.apply(variant);
            Object actual = readOrRefusal(reader, variant.json());
            if (expected instanceof Refusal ? !(actual instanceof Refusal) : !Objects.equals(expected, actual)) {
                mismatches.add(variant + "\n  owed: " + expected + "\n  read: " + actual);
            }
            read += actual instanceof Refusal ? 0 : 1;
        }
        // A generator that broke every variant, or none, would prove little.
        if (read < count / 5 || read > count * 9 / 10) {
            mismatches.add(read + " of " + count + " variants were read; the variants are not varied enough to compare");
        }
        return mismatches;
    }

    /** The count of mismatches and the first three, as an assertion's description. */
    public static String describe(List<String> mismatches) {
        return mismatches.size() + " variants read otherwise than owed; the first:\n"
                + String.join("\n", mismatches.subList(0, Math.min(3, mismatches.size())));
    }
}
