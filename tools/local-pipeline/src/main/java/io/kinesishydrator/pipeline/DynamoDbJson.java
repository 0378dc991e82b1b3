package io.kinesishydrator.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items in DynamoDB JSON ({@code {"id": {"S": "order-1"}, "qty": {"N": "2"}}}), the form the DynamoDB API and a
 * Lambda DynamoDB event use: read from a records file, written into the events.
 */
final class DynamoDbJson {
    private DynamoDbJson() {
    }

    /**
     * An item read from parsed JSON (maps and lists).
     *
     * @throws IllegalArgumentException naming what is not DynamoDB JSON
     */
    static Map<String, AttributeValue> item(Object json) {
        if (!(json instanceof Map<?, ?> attributes) || attributes.isEmpty()) {
            throw new IllegalArgumentException("an item must be a non-empty JSON object of attributes, got " + json);
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        attributes.forEach((name, value) -> item.put(String.valueOf(name), value(value, String.valueOf(name))));
        return item;
    }

    private static AttributeValue value(Object typed, String name) {
        if (!(typed instanceof Map<?, ?> value) || value.size() != 1) {
            throw new IllegalArgumentException("attribute " + name + " must be an object of one type, e.g. {\"S\": \"text\"}, got "
                    + typed);
        }
        Map.Entry<?, ?> only = value.entrySet().iterator().next();
        String type = String.valueOf(only.getKey());
        Object content = only.getValue();
        String where = "attribute " + name + " of type " + type;
        return switch (type) {
            case "S" -> AttributeValue.fromS(content(content, String.class, where));
            case "N" -> AttributeValue.fromN(number(content(content, String.class, where), where));
            case "B" -> AttributeValue.fromB(bytes(content(content, String.class, where), where));
            case "BOOL" -> AttributeValue.fromBool(content(content, Boolean.class, where));
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(strings(content, where));
            case "NS" -> AttributeValue.fromNs(strings(content, where).stream().map(number -> number(number, where)).toList());
            case "BS" -> AttributeValue.fromBs(strings(content, where).stream().map(base64 -> bytes(base64, where)).toList());
            case "M" -> AttributeValue.fromM(item(content));
            case "L" -> AttributeValue.fromL(content(content, List.class, where).stream()
                    .map(element -> value(element, name + "[]")).toList());
            default -> throw new IllegalArgumentException("attribute " + name + " has the unknown type " + type
                    + "; the types are S, N, B, BOOL, NULL, SS, NS, BS, M and L");
        };
    }

    /** {@code content} as {@code kind}; null or another kind is an error naming {@code where}. */
    private static <T> T content(Object content, Class<T> kind, String where) {
        if (!kind.isInstance(content)) {
            throw new IllegalArgumentException(where + " must hold a JSON " + (kind == List.class ? "array"
                    : kind == Boolean.class ? "boolean" : "string") + ", got " + content);
        }
        return kind.cast(content);
    }

    private static String number(String text, String where) {
        try {
            new BigDecimal(text);
        } catch (NumberFormatException notNumber) {
            throw new IllegalArgumentException(where + ": \"" + text + "\" is not a number", notNumber);
        }
        return text;
    }

    private static SdkBytes bytes(String base64, String where) {
        try {
            return SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException(where + ": not base64: " + notBase64.getMessage(), notBase64);
        }
    }

    private static List<String> strings(Object list, String where) {
        List<String> strings = new ArrayList<>();
        for (Object element : content(list, List.class, where)) {
            strings.add(content(element, String.class, where));
        }
        return strings;
    }

    /** Writes {@code item} as a DynamoDB JSON object. */
    static void writeItem(JsonGenerator json, Map<String, AttributeValue> item) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            json.writeFieldName(attribute.getKey());
            writeValue(json, attribute.getValue());
        }
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, AttributeValue value) throws IOException {
        json.writeStartObject();
        switch (value.type()) {
            case S -> json.writeStringField("S", value.s());
            case N -> json.writeStringField("N", value.n());
            case B -> json.writeStringField("B", base64(value.b()));
            case BOOL -> json.writeBooleanField("BOOL", value.bool());
            case NUL -> json.writeBooleanField("NULL", true);
            case SS -> writeStrings(json, "SS", value.ss());
            case NS -> writeStrings(json, "NS", value.ns());
            case BS -> writeStrings(json, "BS", value.bs().stream().map(DynamoDbJson::base64).toList());
            case M -> {
                json.writeFieldName("M");
                writeItem(json, value.m());
            }
            case L -> {
                json.writeArrayFieldStart("L");
                for (AttributeValue element : value.l()) {
                    writeValue(json, element);
                }
                json.writeEndArray();
            }
            default -> throw new IllegalArgumentException("an attribute value of no known type: " + value);
        }
        json.writeEndObject();
    }

    private static void writeStrings(JsonGenerator json, String type, List<String> strings) throws IOException {
        json.writeArrayFieldStart(type);
        for (String string : strings) {
            json.writeString(string);
        }
        json.writeEndArray();
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
    }
}
