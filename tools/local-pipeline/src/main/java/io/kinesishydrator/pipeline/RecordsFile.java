package io.kinesishydrator.pipeline;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * Records to put instead of the demo orders, one JSON object a line (JSON Lines). Into a Kinesis stream:
 * {@code {"partitionKey": "...", "data": "<UTF-8 text>"}} or {@code {"partitionKey": "...", "dataBase64": "..."}},
 * with an optional {@code "explicitHashKey"}. Into a DynamoDB table, writes named as PutItem's and DeleteItem's
 * parameters, in DynamoDB JSON: {@code {"Item": {...}}} puts an item, {@code {"Key": {...}}} deletes one. Blank
 * lines are skipped. Every problem is an {@link IllegalArgumentException} naming the file and the line.
 */
final class RecordsFile {
    private static final Set<String> FIELDS = Set.of("partitionKey", "data", "dataBase64", "explicitHashKey");
    private static final Set<String> WRITE_FIELDS = Set.of("Item", "Key");
    private static final int MAX_PARTITION_KEY_LENGTH = 256;

    private RecordsFile() {
    }

    /** Records for a Kinesis stream. */
    static List<PutRecordsRequestEntry> read(Path file) {
        return lines(file, RecordsFile::record);
    }

    /** Writes to a DynamoDB table. */
    static List<TableWrite> readTableWrites(Path file) {
        return lines(file, RecordsFile::tableWrite);
    }

    private static <T> List<T> lines(Path file, BiFunction<Map<String, Object>, String, T> parse) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("--records-file " + file + " cannot be read: " + unreadable.getMessage(), unreadable);
        }
        List<T> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                String where = file + " line " + (i + 1);
                records.add(parse.apply(object(lines.get(i), where), where));
            }
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no records");
        }
        return records;
    }

    private static Map<String, Object> object(String line, String where) {
        try {
            return JSON.std.mapFrom(line);
        } catch (IOException notJson) {
            throw new IllegalArgumentException(where + ": not a JSON object: " + firstLine(notJson.getMessage()), notJson);
        }
    }

    private static void requireKnown(Map<String, Object> fields, Set<String> known, String what, String where) {
        for (String field : fields.keySet()) {
            if (!known.contains(field)) {
                throw new IllegalArgumentException(where + ": unknown field \"" + field + "\"; " + what + " has " + known);
            }
        }
    }

    private static TableWrite tableWrite(Map<String, Object> fields, String where) {
        requireKnown(fields, WRITE_FIELDS, "a write", where);
        if (fields.size() != 1) {
            throw new IllegalArgumentException(where + ": a write has exactly one of \"Item\" (to put) and \"Key\" (to delete)");
        }
        try {
            return fields.containsKey("Item") ? new TableWrite.Put(DynamoDbJson.item(fields.get("Item")), where)
                    : new TableWrite.Delete(DynamoDbJson.item(fields.get("Key")), where);
        } catch (IllegalArgumentException notDynamoDbJson) {
            throw new IllegalArgumentException(where + ": " + notDynamoDbJson.getMessage(), notDynamoDbJson);
        }
    }

    private static PutRecordsRequestEntry record(Map<String, Object> fields, String where) {
        requireKnown(fields, FIELDS, "a record", where);
        if (!(fields.get("partitionKey") instanceof String key) || key.isEmpty() || key.length() > MAX_PARTITION_KEY_LENGTH) {
            throw new IllegalArgumentException(where + ": \"partitionKey\" must be a string of 1 to 256 characters");
        }
        PutRecordsRequestEntry.Builder entry = PutRecordsRequestEntry.builder().partitionKey(key).data(data(fields, where));
        Object hashKey = fields.get("explicitHashKey");
        if (hashKey != null) {
            if (!(hashKey instanceof String digits) || !digits.matches("\\d{1,39}")) {
                throw new IllegalArgumentException(where + ": \"explicitHashKey\" must be a decimal number in a string");
            }
            entry.explicitHashKey(digits);
        }
        return entry.build();
    }

    private static SdkBytes data(Map<String, Object> fields, String where) {
        Object text = fields.get("data");
        Object base64 = fields.get("dataBase64");
        if ((text == null) == (base64 == null)) {
            throw new IllegalArgumentException(where + ": a record has exactly one of \"data\" and \"dataBase64\"");
        }
        if (text != null) {
            if (!(text instanceof String utf8)) {
                throw new IllegalArgumentException(where + ": \"data\" must be a string");
            }
            return SdkBytes.fromString(utf8, StandardCharsets.UTF_8);
        }
        try {
            return SdkBytes.fromByteArray(Base64.getDecoder().decode(String.valueOf(base64)));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException(where + ": \"dataBase64\" is not base64: " + notBase64.getMessage(), notBase64);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
