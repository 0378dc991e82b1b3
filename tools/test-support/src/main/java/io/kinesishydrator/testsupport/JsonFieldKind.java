package io.kinesishydrator.testsupport;

import java.util.List;
import java.util.Map;

/**
 * What the event readers take at a known field, as {@code JsonFields} reads it, for the differential tests' answer
 * to "may the reader refuse this where the Lambda runtime reads it?". The readers take {@code null} anywhere the
 * runtime does, and coerce scalars as the runtime does, except where a kind below says it refuses them; a container
 * where a scalar belongs, or a scalar where a container belongs, is always refused, though the runtime reads
 * {@code []} as null, {@code ["a"]} as {@code "a"} and an object as a one-item array.
 */
public enum JsonFieldKind {
    OBJECT,
    ARRAY,
    /** Text, or a number or boolean read as its text. */
    TEXT,
    /** Base64 text; the runtime refuses anything else too. */
    BINARY,
    /** Epoch seconds: a number only (the runtime reads text as null and {@code true} as one second). */
    SECONDS,
    /** A whole number: text refused (the runtime parses digits in text). */
    NUMBER,
    /** A boolean or a whole number: text refused (the runtime parses "true" and "false"). */
    BOOLEAN,
    /** Anything: text as it is, any other value as its JSON text (the hydrate's message, which the DLQ keeps). */
    KEPT_AS_TEXT;

    /** True when the reader refuses {@code value} here, whatever the runtime does with it. */
    public boolean refuses(Object value) {
        if (value == null) {
            return false;
        }
        return switch (this) {
            case OBJECT -> !(value instanceof Map<?, ?>);
            case ARRAY -> !(value instanceof List<?>);
            case TEXT, BINARY -> isContainer(value);
            case SECONDS -> !(value instanceof Number);
            case NUMBER, BOOLEAN -> isContainer(value) || value instanceof String;
            case KEPT_AS_TEXT -> false;
        };
    }

    private static boolean isContainer(Object value) {
        return value instanceof Map<?, ?> || value instanceof List<?>;
    }
}
