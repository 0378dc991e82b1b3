package io.kinesishydrator.hydrate.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kinesishydrator.common.EventJson;
import io.kinesishydrator.common.JsonFields;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the one thing the hydrate needs from Lambda's SNS event JSON, each record's {@code Sns.Message}, with
 * Jackson's streaming parser: no object mapper and none of the runtime client's serializers to load at cold
 * start. A record without a message (or without {@code Sns}) reads as null, as {@code SNSEvent} would give it.
 *
 * <p>The event's structure is read whole or refused ({@link EventJson}), but a message is never lost to its form:
 * a {@code Message} that is an object or an array is kept as its JSON text, where the runtime refuses the event or
 * reads {@code ["a"]} as {@code "a"}, so that it reaches the DLQ as a malformed notification. Every other field is
 * skipped whatever it holds, bytes that are not UTF-8 included (they read as U+FFFD): the hydrate never uses them.
 */
public final class SnsEventReader {
    private SnsEventReader() {
    }

    /** The messages in record order; none for a JSON {@code null}, an empty input or an event without records. */
    public static List<String> messages(InputStream input) throws IOException {
        EventJson.Records<String> read = EventJson.read(new InputStreamReader(input, StandardCharsets.UTF_8), "an SNS event",
                SnsEventReader::messageOfRecord);
        return read == null || read.records() == null ? List.of() : read.records();
    }

    private static String messageOfRecord(JsonParser json) throws IOException {
        String message = null;
        for (String field = JsonFields.nextField(json); field != null; field = JsonFields.nextField(json)) {
            JsonToken value = json.nextToken();
            if (field.equals("Sns")) {
                message = JsonFields.startsObject(value, "Sns") ? messageOfSns(json) : null;
            } else {
                json.skipChildren();
            }
        }
        return message;
    }

    private static String messageOfSns(JsonParser json) throws IOException {
        String message = null;
        for (String field = JsonFields.nextField(json); field != null; field = JsonFields.nextField(json)) {
            JsonToken value = json.nextToken();
            if (field.equals("Message")) {
                message = JsonFields.textOrJson(json, value);
            } else {
                json.skipChildren();
            }
        }
        return message;
    }
}
