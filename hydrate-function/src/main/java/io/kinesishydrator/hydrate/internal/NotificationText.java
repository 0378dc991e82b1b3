package io.kinesishydrator.hydrate.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The notification as a dead-letter message carries it: its own text, changed only where SQS or a JSON reader
 * would otherwise fail on it.
 *
 * <p>A notification that already has top-level {@code hydration} or {@code records} (a dead-letter message
 * published to the intake again) keeps them under {@code previousHydration} and {@code previousRecords}, so the
 * fields the hydrate adds are not duplicate keys and the earlier records, perhaps no longer in the stream, are
 * not lost. A {@code previousHydration} or {@code previousRecords} already there becomes
 * {@code previousPreviousHydration} and so on: every generation keeps a name of its own.
 */
final class NotificationText {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String PREVIOUS = "previous";
    private static final String EMPTY = "(empty SNS message)";

    private NotificationText() {
    }

    /**
     * The object's text up to, not including, its closing brace, with earlier hydration fields renamed and every
     * character SQS refuses escaped; the hydrate's fields are appended to it.
     */
    static String prefix(String notificationJson) {
        String renamed = SqsBodyText.escapeRefused(withPreviousFieldsRenamed(notificationJson.strip()));
        // The parser accepted it as one JSON object, so it ends with its closing brace; fields go before it.
        return renamed.substring(0, renamed.length() - 1).stripTrailing();
    }

    /**
     * The body for a notification that is not a stream OnFailure record. JSON is kept as received (characters SQS
     * refuses escaped, the same JSON value); any other text, which may hold characters no escape can carry, goes
     * as its UTF-8 bytes in base64: {@code {"unparseableBase64":"..."}}.
     */
    static String unparseableBody(String raw) {
        if (raw == null || raw.isEmpty()) {
            return EMPTY;
        }
        if (isJson(raw)) {
            return SqsBodyText.escapeRefused(raw);
        }
        return RecordJson.object(Map.of("unparseableBase64",
                Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8))));
    }

    private static boolean isJson(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException notJson) {
            return false;
        }
    }

    private static String withPreviousFieldsRenamed(String json) {
        List<Integer> nameOffsets = new ArrayList<>();
        boolean addedFieldsPresent = false;
        try (JsonParser parser = JSON.createParser(json)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                addedFieldsPresent |= name.equals("hydration") || name.equals("records");
                if (isEarlierHydrationField(name)) {
                    nameOffsets.add((int) parser.currentTokenLocation().getCharOffset());
                }
                parser.nextToken();
                parser.skipChildren();
            }
        } catch (IOException impossible) {
            throw new IllegalArgumentException("the notification was parsed once already: " + impossible.getMessage(), impossible);
        }
        if (!addedFieldsPresent) {
            return json;
        }
        StringBuilder renamed = new StringBuilder(json);
        for (int i = nameOffsets.size() - 1; i >= 0; i--) {
            int start = nameOffsets.get(i);
            int end = endOfString(json, start);
            String name = json.substring(start, end);
            renamed.replace(start, end, "\"" + PREVIOUS + capitalized(unquoted(name)) + "\"");
        }
        return renamed.toString();
    }

    /** {@code hydration}, {@code records}, or either capitalized after one or more {@code previous}. */
    private static boolean isEarlierHydrationField(String name) {
        String rest = name;
        while (rest.startsWith(PREVIOUS) && rest.length() > PREVIOUS.length() && Character.isUpperCase(rest.charAt(PREVIOUS.length()))) {
            rest = rest.substring(PREVIOUS.length());
            rest = Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
        }
        return rest.equals("hydration") || rest.equals("records");
    }

    /** The offset just past the JSON string that starts, with its quote, at {@code start}. */
    private static int endOfString(String json, int start) {
        int i = start + 1;
        while (json.charAt(i) != '"') {
            i += json.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static String unquoted(String quotedName) {
        try (JsonParser parser = JSON.createParser(quotedName)) {
            parser.nextToken();
            return parser.getText();
        } catch (IOException impossible) {
            throw new IllegalArgumentException(impossible);
        }
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
