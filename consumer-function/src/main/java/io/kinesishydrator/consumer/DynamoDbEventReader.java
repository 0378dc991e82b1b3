package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kinesishydrator.common.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Lambda's DynamoDB stream event JSON into the {@link DynamodbEvent} the runtime's own serializers would
 * build, with Jackson's streaming parser (see {@link KinesisEventReader} for why). Attribute values keep their
 * DynamoDB types: {@code N} stays text, {@code B} and {@code BS} are base64, sets and lists keep their order.
 */
final class DynamoDbEventReader {
    private DynamoDbEventReader() {
    }

    /** The event, or null for a JSON {@code null} or an empty input, as the runtime would pass it. */
    static DynamodbEvent read(InputStream input) throws IOException {
        EventJson.Records<DynamodbStreamRecord> read = EventJson.read(input, "a DynamoDB stream event", DynamoDbEventReader::record);
        if (read == null) {
            return null;
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(read.records());
        return event;
    }

    private static DynamodbStreamRecord record(JsonParser json) throws IOException {
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "eventID" -> record.setEventID(json.getValueAsString());
                case "eventName" -> record.setEventName(json.getValueAsString());
                case "eventVersion" -> record.setEventVersion(json.getValueAsString());
                case "eventSource" -> record.setEventSource(json.getValueAsString());
                case "awsRegion" -> record.setAwsRegion(json.getValueAsString());
                case "eventSourceARN" -> record.setEventSourceARN(json.getValueAsString());
                case "dynamodb" -> record.setDynamodb(value == JsonToken.START_OBJECT ? change(json) : EventJson.skipped(json));
                case "userIdentity" -> record.setUserIdentity(value == JsonToken.START_OBJECT ? identity(json) : EventJson.skipped(json));
                default -> json.skipChildren();
            }
        }
        return record;
    }

    private static StreamRecord change(JsonParser json) throws IOException {
        StreamRecord change = new StreamRecord();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "ApproximateCreationDateTime" -> change.setApproximateCreationDateTime(
                        EventJson.epochSeconds(json, value, "dynamodb.ApproximateCreationDateTime"));
                case "Keys" -> change.setKeys(image(json, value));
                case "NewImage" -> change.setNewImage(image(json, value));
                case "OldImage" -> change.setOldImage(image(json, value));
                case "SequenceNumber" -> change.setSequenceNumber(json.getValueAsString());
                case "SizeBytes" -> change.setSizeBytes(value == JsonToken.VALUE_NULL ? null : json.getValueAsLong());
                case "StreamViewType" -> change.setStreamViewType(
                        value == JsonToken.VALUE_NULL ? null : StreamViewType.fromValue(json.getText()));
                default -> json.skipChildren();
            }
        }
        return change;
    }

    private static Identity identity(JsonParser json) throws IOException {
        Identity identity = new Identity();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "principalId" -> identity.setPrincipalId(json.getValueAsString());
                case "type" -> identity.setType(json.getValueAsString());
                default -> json.skipChildren();
            }
        }
        return identity;
    }

    private static Map<String, AttributeValue> image(JsonParser json, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        EventJson.expectObject(json, value, "an item image");
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            image.put(name, attribute(json, json.nextToken()));
        }
        return image;
    }

    private static AttributeValue attribute(JsonParser json, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        EventJson.expectObject(json, value, "an attribute value");
        AttributeValue attribute = new AttributeValue();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String type = json.currentName();
            JsonToken content = json.nextToken();
            switch (type) {
                case "S" -> attribute.setS(json.getValueAsString());
                case "N" -> attribute.setN(json.getValueAsString());
                case "B" -> attribute.setB(content == JsonToken.VALUE_NULL ? null : ByteBuffer.wrap(json.getBinaryValue()));
                case "BOOL" -> attribute.setBOOL(content == JsonToken.VALUE_NULL ? null : json.getBooleanValue());
                case "NULL" -> attribute.setNULL(content == JsonToken.VALUE_NULL ? null : json.getBooleanValue());
                case "SS" -> attribute.setSS(strings(json, content));
                case "NS" -> attribute.setNS(strings(json, content));
                case "BS" -> attribute.setBS(binaries(json, content));
                case "M" -> attribute.setM(image(json, content));
                case "L" -> attribute.setL(list(json, content));
                default -> json.skipChildren();
            }
        }
        return attribute;
    }

    private static List<String> strings(JsonParser json, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expectArray(json, value);
        List<String> strings = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            strings.add(json.getValueAsString());
        }
        return strings;
    }

    private static List<ByteBuffer> binaries(JsonParser json, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expectArray(json, value);
        List<ByteBuffer> binaries = new ArrayList<>();
        while (json.nextToken() != JsonToken.END_ARRAY) {
            binaries.add(ByteBuffer.wrap(json.getBinaryValue()));
        }
        return binaries;
    }

    private static List<AttributeValue> list(JsonParser json, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expectArray(json, value);
        List<AttributeValue> items = new ArrayList<>();
        for (JsonToken item = json.nextToken(); item != JsonToken.END_ARRAY; item = json.nextToken()) {
            items.add(attribute(json, item));
        }
        return items;
    }

    private static void expectArray(JsonParser json, JsonToken actual) throws IOException {
        if (actual != JsonToken.START_ARRAY) {
            throw new IOException("a set or list must be a JSON array, got " + actual + " at " + json.currentLocation());
        }
    }
}
