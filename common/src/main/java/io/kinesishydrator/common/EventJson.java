package io.kinesishydrator.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Lambda event JSON read and responses written with Jackson's streaming API, as the functions' stream handlers
 * do instead of the runtime's own serializers: the {@code Records} array every stream and SNS event has, with the
 * runtime's rules for what is absent. An event is read to its end or refused with a {@link MalformedEventException}
 * that names the record and field: a reader that stopped early would leave records unread yet answered for.
 * {@link JsonFields} reads the fields of a record.
 */
public final class EventJson {
    /** Responses go to the runtime's stream, which the runtime, not the handler, closes. */
    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

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
     * {@code null} record. Fields other than {@code Records} are skipped, whatever their type. The event must be
     * an object, {@code Records} an array of objects, and nothing may follow the event, though the runtime reads
     * {@code []} as a null event, {@code "Records": {}} as one record, {@code [[]]} as a null record and ignores
     * what follows.
     *
     * @param what names the event in errors, e.g. "a Kinesis event"
     */
    public static <T> Records<T> read(InputStream input, String what, RecordReader<T> recordReader) throws IOException {
        try (JsonParser json = JSON.createParser(input)) {
            return read(json, what, recordReader);
        }
    }

    /**
     * {@link #read(InputStream, String, RecordReader)} of text: an event read as text from bytes that are not all
     * UTF-8 (with U+FFFD in their place) can still be read when those bytes sit in a field no reader needs.
     */
    public static <T> Records<T> read(Reader input, String what, RecordReader<T> recordReader) throws IOException {
        try (JsonParser json = JSON.createParser(input)) {
            return read(json, what, recordReader);
        }
    }

    private static <T> Records<T> read(JsonParser json, String what, RecordReader<T> recordReader) throws IOException {
        JsonToken first = json.nextToken();
        if (first == null || first == JsonToken.VALUE_NULL) {
            return null;
        }
        if (first != JsonToken.START_OBJECT) {
            throw JsonFields.wrongType(what, "an object", first);
        }
        List<T> records = null;
        for (String field = JsonFields.nextField(json); field != null; field = JsonFields.nextField(json)) {
            JsonToken value = json.nextToken();
            if (!field.equals("Records")) {
                json.skipChildren();
            } else {
                records = JsonFields.startsArray(value, "Records of " + what) ? records(json, what, recordReader) : null;
            }
        }
        JsonToken after = json.nextToken();
        if (after != null) {
            throw new MalformedEventException(what + " is followed by more content, starting with " + after
                    + "; an event is one JSON object");
        }
        return new Records<>(records);
    }

    /** The records of an event that was there; {@code records} is null when it had none. */
    public record Records<T>(List<T> records) {
    }

    private static <T> List<T> records(JsonParser json, String what, RecordReader<T> recordReader) throws IOException {
        List<T> records = new ArrayList<>();
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
            int index = records.size();
            try {
                records.add(JsonFields.startsObject(token, "the record") ? recordReader.read(json) : null);
            } catch (IOException unreadable) {
                throw new MalformedEventException("record " + index + " of " + what + ": " + unreadable.getMessage(), unreadable);
            }
        }
        return records;
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
