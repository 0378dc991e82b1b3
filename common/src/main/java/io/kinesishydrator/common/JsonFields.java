package io.kinesishydrator.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.Date;

/**
 * Reads one field's value of an event, each call consuming the whole value or throwing
 * {@link MalformedEventException}: a reader that took a container for a scalar would go on from inside it and
 * end the event early. Scalars are coerced as the Lambda runtime's serializers coerce them (a number or a boolean
 * where text belongs is read as its text); a container where a scalar belongs, or a scalar where a container
 * belongs, is refused, though the runtime reads {@code []} as null and {@code ["a"]} as {@code "a"}.
 * {@code null} reads as absent wherever the runtime accepts it.
 *
 * <p>{@code field} names the field in errors, from the record down, e.g. {@code kinesis.partitionKey}.
 */
public final class JsonFields {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonFields() {
    }

    /** The next field's name, or null at the end of the object; anything else means the reader is out of step. */
    public static String nextField(JsonParser json) throws IOException {
        JsonToken token = json.nextToken();
        if (token == JsonToken.FIELD_NAME) {
            return json.currentName();
        }
        if (token == JsonToken.END_OBJECT) {
            return null;
        }
        throw new MalformedEventException("expected a field name or the end of an object, got " + describe(token));
    }

    /** Text, or the text of a number or boolean; null for {@code null}. */
    public static String text(JsonParser json, JsonToken value, String field) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!value.isScalarValue()) {
            throw wrongType(field, "a string", value);
        }
        return json.getText();
    }

    /** Base64 text as bytes; null for {@code null}. */
    public static ByteBuffer binary(JsonParser json, JsonToken value, String field) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw wrongType(field, "a base64 string", value);
        }
        try {
            return ByteBuffer.wrap(json.getBinaryValue());
        } catch (JsonProcessingException notBase64) {
            throw new MalformedEventException(field + " is not base64: " + notBase64.getOriginalMessage(), notBase64);
        }
    }

    /**
     * Epoch seconds with an optional fraction, in whole milliseconds computed as the runtime computes them, and
     * null for {@code 0} or {@code null} as there. Unlike the runtime, which reads text as null and {@code true}
     * as one second, anything but a number is refused.
     */
    public static Date epochSeconds(JsonParser json, JsonToken value, String field) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!value.isNumeric()) {
            throw wrongType(field, "a number of seconds", value);
        }
        double seconds = json.getDoubleValue();
        return seconds == 0 ? null : new Date((long) (seconds * 1000));
    }

    /** A whole number, a fraction truncated as the runtime truncates it; null for {@code null}. */
    public static Long wholeNumber(JsonParser json, JsonToken value, String field) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!value.isNumeric()) {
            throw wrongType(field, "a number", value);
        }
        try {
            return json.getLongValue();
        } catch (JsonProcessingException outOfRange) {
            throw new MalformedEventException(field + " is out of range: " + json.getText(), outOfRange);
        }
    }

    /** A boolean, or a whole number read as the runtime reads it (0 is false); null for {@code null}. */
    public static Boolean bool(JsonParser json, JsonToken value, String field) throws IOException {
        return switch (value) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NUMBER_INT -> !json.getText().equals("0");
            default -> throw wrongType(field, "a boolean", value);
        };
    }

    /** True on an object's start, false for {@code null}; its fields are the caller's to read. */
    public static boolean startsObject(JsonToken value, String field) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return false;
        }
        if (value != JsonToken.START_OBJECT) {
            throw wrongType(field, "an object", value);
        }
        return true;
    }

    /** True on an array's start, false for {@code null}; its items are the caller's to read. */
    public static boolean startsArray(JsonToken value, String field) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return false;
        }
        if (value != JsonToken.START_ARRAY) {
            throw wrongType(field, "an array", value);
        }
        return true;
    }

    /** A scalar's text, or a container's JSON text as written compactly; null for {@code null}. */
    public static String textOrJson(JsonParser json, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value.isScalarValue()) {
            return json.getText();
        }
        StringWriter text = new StringWriter();
        try (JsonGenerator copy = JSON.createGenerator(text)) {
            copy.copyCurrentStructure(json);
        }
        return text.toString();
    }

    static MalformedEventException wrongType(String field, String expected, JsonToken actual) {
        return new MalformedEventException(field + " must be " + expected + ", got " + describe(actual));
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }
}
