package io.kinesishydrator.hydrate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the one thing the hydrate needs from Lambda's SNS event JSON, each record's {@code Sns.Message}, with
 * Jackson's streaming parser: no object mapper and none of the runtime client's serializers to load at cold
 * start. A record without a message (or without {@code Sns}) reads as null, as {@code SNSEvent} would give it.
 */
public final class SnsEventReader {
    private static final JsonFactory JSON = new JsonFactory();

    private SnsEventReader() {
    }

    /** The messages in record order; none for a JSON {@code null}, an empty input or an event without records. */
    public static List<String> messages(InputStream input) throws IOException {
        List<String> messages = new ArrayList<>();
        try (JsonParser json = JSON.createParser(input)) {
            JsonToken first = json.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                return messages;
            }
            expectObject(json, first, "an SNS event");
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("Records") && value == JsonToken.START_ARRAY) {
                    readRecords(json, messages);
                } else if (field.equals("Records") && value != JsonToken.VALUE_NULL) {
                    throw new IOException("Records must be an array, got " + value);
                } else {
                    json.skipChildren();
                }
            }
        }
        return messages;
    }

    private static void readRecords(JsonParser json, List<String> messages) throws IOException {
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
            if (token == JsonToken.VALUE_NULL) {
                messages.add(null);
                continue;
            }
            expectObject(json, token, "an SNS event record");
            messages.add(messageOfRecord(json));
        }
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

    private static void expectObject(JsonParser json, JsonToken actual, String what) throws IOException {
        if (actual != JsonToken.START_OBJECT) {
            throw new IOException(what + " must be a JSON object, got " + actual + " at " + json.currentLocation());
        }
    }
}
