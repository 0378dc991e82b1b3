package io.kinesishydrator.hydrate.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items in DynamoDB JSON, as a Lambda DynamoDB stream event holds them ({@code {"id": {"S": "order-1"}}}), read
 * into the SDK's attribute values: the reverse of {@link DynamoDbRecordRenderer}'s typed form.
 */
final class DynamoDbJson {
    private DynamoDbJson() {
    }

    /** An image; absent reads as empty, as the SDK gives an image the stream view type does not carry. */
    static Map<String, AttributeValue> image(Object item) {
        if (item == null) {
            return Map.of();
        }
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        for (Map.Entry<?, ?> attribute : asMap(item).entrySet()) {
            attributes.put(attribute.getKey().toString(), value(attribute.getValue()));
        }
        return attributes;
    }

    private static AttributeValue value(Object typed) {
        Map<?, ?> value = asMap(typed);
        if (value.size() != 1) {
            throw new IllegalArgumentException("an attribute value must have exactly one type, got " + value.keySet());
        }
        Map.Entry<?, ?> only = value.entrySet().iterator().next();
        Object content = only.getValue();
        return switch (only.getKey().toString()) {
            case "S" -> AttributeValue.fromS((String) content);
            case "N" -> AttributeValue.fromN((String) content);
            case "B" -> AttributeValue.fromB(bytes(content));
            case "BOOL" -> AttributeValue.fromBool((Boolean) content);
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(strings(content));
            case "NS" -> AttributeValue.fromNs(strings(content));
            case "BS" -> AttributeValue.fromBs(strings(content).stream().map(DynamoDbJson::bytes).toList());
            case "M" -> AttributeValue.fromM(image(content));
            case "L" -> AttributeValue.fromL(((List<?>) content).stream().map(DynamoDbJson::value).toList());
            default -> throw new IllegalArgumentException("an attribute of unknown type " + only.getKey());
        };
    }

    private static SdkBytes bytes(Object base64) {
        return SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode((String) base64));
    }

    private static List<String> strings(Object list) {
        List<String> strings = new ArrayList<>();
        for (Object item : (List<?>) list) {
            strings.add((String) item);
        }
        return strings;
    }

    private static Map<?, ?> asMap(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("expected a JSON object in DynamoDB JSON, got " + value);
        }
        return map;
    }
}
