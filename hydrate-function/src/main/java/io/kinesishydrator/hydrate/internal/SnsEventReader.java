package io.kinesishydrator.hydrate.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kinesishydrator.common.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads the one thing the hydrate needs from Lambda's SNS event JSON, each record's {@code Sns.Message}, with
 * Jackson's streaming parser: no object mapper and none of the runtime client's serializers to load at cold
 * start. A record without a message (or without {@code Sns}) reads as null, as {@code SNSEvent} would give it.
 */
public final class SnsEventReader {
    private SnsEventReader() {
    }

    /** The messages in record order; none for a JSON {@code null}, an empty input or an event without records. */
    public static List<String> messages(InputStream input) throws IOException {
        EventJson.Records<String> read = EventJson.read(input, "an SNS event", SnsEventReader::messageOfRecord);
        return read == null || read.records() == null ? List.of() : read.records();
    }

    private static String messageOfRecord(JsonParser json) throws IOException {
        String message = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (field.equals("Sns") && value == JsonToken.START_OBJECT) {
                message = messageOfSns(json);
            } else {
                json.skipChildren();
            }
        }
        return message;
    }

    private static String messageOfSns(JsonParser json) throws IOException {
        String message = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (field.equals("Message")) {
                message = value == JsonToken.VALUE_NULL ? null : json.getValueAsString();
            }
            json.skipChildren();
        }
        return message;
    }
}
