package io.kinesishydrator.testsupport;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;

/** Reads the hydrate's dead-letter messages: the OnFailure record, its {@code hydration} and its {@code records}. */
public final class DeadLetters {
    private DeadLetters() {
    }

    /** A dead-letter message's body, parsed. */
    public static Map<String, Object> body(Message message) {
        try {
            return JSON.std.mapFrom(message.body());
        } catch (IOException notJson) {
            throw new UncheckedIOException(notJson);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> hydration(Message message) {
        return (Map<String, Object>) body(message).get("hydration");
    }

    /** The records of all {@code messages} (parts of one batch), in part order. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> records(List<Message> messages) {
        List<Map<String, Object>> records = new ArrayList<>();
        messages.stream()
                .sorted(Comparator.comparingInt(message -> (Integer) hydration(message).get("part")))
                .forEach(message -> records.addAll((List<Map<String, Object>>) body(message).get("records")));
        return records;
    }

    /**
     * A dead-letter record's bytes, from whichever field holds them: {@code data} (base64), else {@code text}
     * (its UTF-8 encoding). Null for a truncated record, which holds neither.
     */
    public static byte[] data(Map<String, Object> record) {
        if (record.get("data") instanceof String base64) {
            return Base64.getDecoder().decode(base64);
        }
        return record.get("text") instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : null;
    }
}
