package io.kinesishydrator.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Lambda event JSON read and responses written with Jackson's streaming API, as the functions' stream handlers
 * do instead of the runtime's own serializers: the {@code Records} array every stream and SNS event has, with the
 * runtime's rules for what is absent, and the small checks each record reader needs.
 */
public final class EventJson {
    /** Responses go to the runtime's stream, which the runtime, not the handler, closes. */
    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    private static final BigDecimal MILLIS_PER_SECOND = BigDecimal.valueOf(1000);

    private EventJson() {
    }

    /** Reads one record, starting on its {@code START_OBJECT}, through its {@code END_OBJECT}. */
    @FunctionalInterface
    public interface RecordReader<T> {
        T read(JsonParser json) throws IOException;
    }

    /**
     * What an event's JSON holds: nothing for a JSON {@code null} or an empty input (the runtime passes a null
     * event), else its records, null when it has none or {@code "Records": null}, and a null entry for a
     * {@code null} record. Fields other than {@code Records} are skipped.
     *
     * @param what names the event in errors, e.g. "a Kinesis event"
     */
    public static <T> Records<T> read(InputStream input, String what, RecordReader<T> recordReader) throws IOException {
        try (JsonParser json = JSON.createParser(input)) {
            JsonToken first = json.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                return null;
            }
            expectObject(json, first, what);
            List<T> records = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (!field.equals("Records")) {
                    json.skipChildren();
                } else if (value == JsonToken.START_ARRAY) {
                    records = records(json, what, recordReader);
                } else if (value != JsonToken.VALUE_NULL) {
                    throw new IOException("Records of " + what + " must be an array, got " + value);
                }
            }
            return new Records<>(records);
        }
    }

    /** The records of an event that was there; {@code records} is null when it had none. */
    public record Records<T>(List<T> records) {
    }

    private static <T> List<T> records(JsonParser json, String what, RecordReader<T> recordReader) throws IOException {
        List<T> records = new ArrayList<>();
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
            if (token == JsonToken.VALUE_NULL) {
                records.add(null);
                continue;
            }
            expectObject(json, token, "a record of " + what);
            records.add(recordReader.read(json));
        }
        return records;
    }

    public static void expectObject(JsonParser json, JsonToken actual, String what) throws IOException {
        if (actual != JsonToken.START_OBJECT) {
            throw new IOException(what + " must be a JSON object, got " + actual + " at " + json.currentLocation());
        }
    }

    /** Skips the current value and answers null: a field of the wrong kind reads as absent. */
    public static <T> T skipped(JsonParser json) throws IOException {
        json.skipChildren();
        return null;
    }

    /** Epoch seconds with an optional fraction, as Lambda writes them; whole milliseconds, as the runtime keeps them. */
    public static Date epochSeconds(JsonParser json, JsonToken value, String field) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!value.isNumeric()) {
            throw new IOException(field + " must be a number of seconds, got " + json.getText());
        }
        return new Date(json.getDecimalValue().multiply(MILLIS_PER_SECOND).longValue());
    }

    /** A generator on the runtime's response stream that leaves it open. */
    public static JsonGenerator generator(OutputStream output) throws IOException {
        return JSON.createGenerator(output);
    }

    /**
     * A partial batch response, as the runtime writes a {@code StreamsEventResponse} or an {@code SQSBatchResponse}:
     * {@code {"batchItemFailures":[{"itemIdentifier":"..."}]}}, the items the event source mapping delivers again.
     */
    public static void writeBatchItemFailures(List<String> itemIdentifiers, OutputStream output) throws IOException {
        try (JsonGenerator json = generator(output)) {
            json.writeStartObject();
            json.writeArrayFieldStart("batchItemFailures");
            for (String itemIdentifier : itemIdentifiers) {
                json.writeStartObject();
                json.writeStringField("itemIdentifier", itemIdentifier);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
