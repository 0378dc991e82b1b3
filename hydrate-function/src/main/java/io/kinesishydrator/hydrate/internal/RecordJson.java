package io.kinesishydrator.hydrate.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.model.Record;

/** A record as the {@code records} array holds it. */
final class RecordJson {
    private static final JsonFactory JSON = new JsonFactory();

    private RecordJson() {
    }

    /**
     * The record (or one user record of a KPL aggregate, when {@code userRecord} is set) in the first form that
     * fits in {@code budget} bytes: with {@code text} when its bytes are UTF-8, with {@code data} (base64) when
     * they are not or when the text does not fit but the base64 does (escapes can make text the longer of
     * the two). When neither fits: truncated, or, when {@code keepOversized} is set, whole (text when its bytes
     * are UTF-8, else data) and over the budget, for a message of its own offloaded to the payload bucket.
     */
    static String fitting(Record record, KplAggregatedRecords.UserRecord userRecord, int budget, boolean keepOversized) {
        byte[] data = userRecord == null ? record.data().asByteArrayUnsafe() : userRecord.data();
        Map<String, Object> metadata = metadata(record, userRecord);
        String text = Utf8.decode(data);
        String asText = text == null ? null : withField(metadata, "text", text);
        if (asText != null && Utf8.length(asText) <= budget) {
            return asText;
        }
        String asData = withField(metadata, "data", Base64.getEncoder().encodeToString(data));
        if (Utf8.length(asData) <= budget) {
            return asData;
        }
        if (!keepOversized) {
            return truncated(metadata, data);
        }
        return asText != null ? asText : asData;
    }

    private static String withField(Map<String, Object> metadata, String name, String value) {
        Map<String, Object> fields = new LinkedHashMap<>(metadata);
        fields.put(name, value);
        return object(fields);
    }

    private static String truncated(Map<String, Object> metadata, byte[] data) {
        Map<String, Object> fields = new LinkedHashMap<>(metadata);
        fields.put("truncated", Boolean.TRUE);
        fields.put("dataBytes", data.length);
        fields.put("dataSha256", Sha256.hex(data));
        return object(fields);
    }

    private static Map<String, Object> metadata(Record record, KplAggregatedRecords.UserRecord userRecord) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sequenceNumber", record.sequenceNumber());
        if (userRecord == null) {
            fields.put("partitionKey", record.partitionKey());
        } else {
            fields.put("subSequenceNumber", userRecord.subSequenceNumber());
            fields.put("partitionKey", userRecord.partitionKey());
            fields.put("explicitHashKey", userRecord.explicitHashKey());
        }
        fields.put("approximateArrivalTimestamp",
                record.approximateArrivalTimestamp() == null ? null : record.approximateArrivalTimestamp().toString());
        fields.put("encryptionType", record.encryptionTypeAsString());
        return fields;
    }

    /**
     * A JSON object of strings, numbers, booleans, lists and nested objects; null values are left out. Its
     * text holds only characters SQS accepts: any other character of a string is a {@code \}{@code uXXXX}
     * escape.
     */
    static String object(Map<String, Object> fields) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                if (field.getValue() != null) {
                    json.writeFieldName(field.getKey());
                    writeValue(json, field.getValue());
                }
            }
            json.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return SqsBodyText.escapeRefused(text.toString());
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        switch (value) {
            case Integer number -> json.writeNumber(number);
            case Long number -> json.writeNumber(number);
            case Boolean flag -> json.writeBoolean(flag);
            case List<?> list -> {
                json.writeStartArray();
                for (Object item : list) {
                    writeValue(json, item);
                }
                json.writeEndArray();
            }
            case Map<?, ?> map -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> field : map.entrySet()) {
                    if (field.getValue() != null) {
                        json.writeFieldName(field.getKey().toString());
                        writeValue(json, field.getValue());
                    }
                }
                json.writeEndObject();
            }
            default -> json.writeString(value.toString());
        }
    }
}
