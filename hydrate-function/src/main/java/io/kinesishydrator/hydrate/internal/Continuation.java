package io.kinesishydrator.hydrate.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the hydration of a range goes on when an invocation ran out of time before its end: after the last
 * record of the last message it sent, with the next part number, so the messages of the whole range are
 * numbered as one invocation would have numbered them.
 *
 * <p>It travels as an intake message of its own, {@code {"hydrationContinuation": {...}, "notification": "..."}}:
 * the OnFailure record's text exactly as received, as a JSON string, so the batch key and the record the
 * dead-letter messages copy stay those of the original notification.
 *
 * @param number              1 for the first continuation of a range, and so on
 * @param afterSequenceNumber the last record of the range already in the dead-letter queue
 * @param nextPart            the part number the next message takes
 * @param recordsSent         the stream records of the range already in the dead-letter queue
 * @param missing             parts of the range found missing before {@code afterSequenceNumber}
 * @param notes               observations made so far
 */
public record Continuation(int number, String afterSequenceNumber, int nextPart, int recordsSent,
                           List<MissingRange> missing, List<String> notes) {
    static final String FIELD = "hydrationContinuation";
    private static final String NOTIFICATION = "notification";
    private static final JsonFactory JSON_WRITER = new JsonFactory();

    public Continuation {
        missing = List.copyOf(missing);
        notes = List.copyOf(notes);
    }

    /** An intake message, as received: the notification it carries on, and the continuation, null for a notification of its own. */
    public record Received(String notification, Continuation continuation) {
    }

    /** The message for the intake queue that carries {@code notificationJson} on from this continuation. */
    public String message(String notificationJson) {
        StringWriter text = new StringWriter(notificationJson.length() + 256);
        try (JsonGenerator json = JSON_WRITER.createGenerator(text)) {
            json.writeStartObject();
            json.writeObjectFieldStart(FIELD);
            json.writeNumberField("number", number);
            json.writeStringField("afterSequenceNumber", afterSequenceNumber);
            json.writeNumberField("nextPart", nextPart);
            json.writeNumberField("recordsSent", recordsSent);
            writeMissing(json);
            json.writeArrayFieldStart("notes");
            for (String note : notes) {
                json.writeString(note);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeStringField(NOTIFICATION, notificationJson);
            json.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return SqsBodyText.escapeRefused(text.toString());
    }

    /**
     * The notification an intake message carries and, when it is a continuation, where to go on from. Any message
     * that is not a well-formed continuation is a notification of its own, for the parser to judge.
     */
    public static Received read(String message) {
        if (message == null || !message.contains(FIELD)) {
            return new Received(message, null);
        }
        try {
            Map<String, Object> root = JSON.std.mapFrom(message);
            if (root != null && root.get(FIELD) instanceof Map<?, ?> state && root.get(NOTIFICATION) instanceof String notification) {
                return new Received(notification, fromJson(state));
            }
        } catch (IOException | RuntimeException notAContinuation) {
            // Left to the parser, which reports what is wrong with it.
        }
        return new Received(message, null);
    }

    private static Continuation fromJson(Map<?, ?> state) {
        List<MissingRange> missing = new ArrayList<>();
        for (Object range : (List<?>) state.get("missing")) {
            Map<?, ?> fields = (Map<?, ?>) range;
            missing.add(new MissingRange((String) fields.get("from"), (String) fields.get("after"),
                    (String) fields.get("before"), (String) fields.get("through"), (String) fields.get("reason")));
        }
        List<String> notes = ((List<?>) state.get("notes")).stream().map(String.class::cast).toList();
        return new Continuation(((Number) state.get("number")).intValue(), (String) state.get("afterSequenceNumber"),
                ((Number) state.get("nextPart")).intValue(), ((Number) state.get("recordsSent")).intValue(), missing, notes);
    }

    private void writeMissing(JsonGenerator json) throws IOException {
        json.writeArrayFieldStart("missing");
        for (MissingRange range : missing) {
            json.writeStartObject();
            writeIfSet(json, "from", range.from());
            writeIfSet(json, "after", range.after());
            writeIfSet(json, "before", range.before());
            writeIfSet(json, "through", range.through());
            writeIfSet(json, "reason", range.reason());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeIfSet(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }
}
