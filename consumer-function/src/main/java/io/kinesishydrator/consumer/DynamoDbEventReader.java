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
import io.kinesishydrator.common.JsonFields;
import io.kinesishydrator.common.MalformedEventException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Lambda's DynamoDB stream event JSON into the {@link DynamodbEvent} the runtime's own serializers would
 * build, with Jackson's streaming parser (see {@link KinesisEventReader} for why), whole or not at all: a known
 * field of the wrong JSON type fails the event, an error naming the record, field and attribute. Attribute values keep their
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
        for (String field = JsonFields.nextField(json); field != null; field = JsonFields.nextField(json)) {
            JsonToken value = json.nextToken();
            switch (field) {
                case "eventID" -> record.setEventID(JsonFields.text(json, value, field));
                case "eventName" -> record.setEventName(JsonFields.text(json, value, field));
                case "eventVersion" -> record.setEventVersion(JsonFields.text(json, value, field));
                case "eventSource" -> record.setEventSource(JsonFields.text(json, value, field));
                case "awsRegion" -> record.setAwsRegion(JsonFields.text(json, value, field));
                case "eventSourceARN" -> record.setEventSourceARN(JsonFields.text(json, value, field));
                case "dynamodb" -> record.setDynamodb(JsonFields.startsObject(value, field) ? change(json) : null);
                case "userIdentity" -> record.setUserIdentity(JsonFields.startsObject(value, field) ? identity(json) : null);
                default -> json.skipChildren();
            }
        }
        return record;
    }

    private static StreamRecord change(JsonParser json) throws IOException {
        StreamRecord change = new StreamRecord();
        for (String field = JsonFields.nextField(json); field != null; field = JsonFields.nextField(json)) {
            JsonToken value = json.nextToken();
            switch (field) {
                case "ApproximateCreationDateTime" -> change.setApproximateCreationDateTime(
                        JsonFields.epochSeconds(json, value, "dynamodb.ApproximateCreationDateTime"));
                case "Keys" -> change.setKeys(image(json, value, "dynamodb.Keys"));
                case "NewImage" -> change.setNewImage(image(json, value, "dynamodb.NewImage"));
                case "OldImage" -> change.setOldImage(image(json, value, "dynamodb.OldImage"));
                case "SequenceNumber" -> change.setSequenceNumber(JsonFields.text(json, value, "dynamodb.SequenceNumber"));
                case "SizeBytes" -> change.setSizeBytes(JsonFields.wholeNumber(json, value, "dynamodb.SizeBytes"));
                case "StreamViewType" -> change.setStreamViewType(streamViewType(json, value));
                default -> json.skipChildren();
            }
        }
        return change;
    }

    /** One of the view types; the runtime refuses anything else, {@code null} included. */
    private static StreamViewType streamViewType(JsonParser json, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new MalformedEventException("dynamodb.StreamViewType must be a stream view type, got " + value);
        }
        try {
            return StreamViewType.fromValue(json.getText());
        } catch (IllegalArgumentException unknown) {
            throw new MalformedEventException("dynamodb.StreamViewType " + unknown.getMessage(), unknown);
        }
    }

    private static Identity identity(JsonParser json) throws IOException {
        Identity identity = new Identity();
        for (String field = JsonFields.nextField(json); field != null; field = JsonFields.nextField(json)) {
            JsonToken value = json.nextToken();
            switch (field) {
                case "principalId" -> identity.setPrincipalId(JsonFields.text(json, value, "userIdentity.principalId"));
                case "type" -> identity.setType(JsonFields.text(json, value, "userIdentity.type"));
                default -> json.skipChildren();
            }
        }
        return identity;
    }

    /** An item image or an {@code M}: attribute values by name; an error names the attribute. */
    private static Map<String, AttributeValue> image(JsonParser json, JsonToken value, String field) throws IOException {
        if (!JsonFields.startsObject(value, field)) {
            return null;
        }
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        for (String name = JsonFields.nextField(json); name != null; name = JsonFields.nextField(json)) {
            try {
                image.put(name, attribute(json, json.nextToken()));
            } catch (MalformedEventException malformed) {
                throw new MalformedEventException(field + "." + name + ": " + malformed.getMessage(), malformed);
            }
        }
        return image;
    }

    private static AttributeValue attribute(JsonParser json, JsonToken value) throws IOException {
        if (!JsonFields.startsObject(value, "an attribute value")) {
            return null;
        }
        AttributeValue attribute = new AttributeValue();
        for (String type = JsonFields.nextField(json); type != null; type = JsonFields.nextField(json)) {
            JsonToken content = json.nextToken();
            switch (type) {
                case "S" -> attribute.setS(JsonFields.text(json, content, type));
                case "N" -> attribute.setN(JsonFields.text(json, content, type));
                case "B" -> attribute.setB(JsonFields.binary(json, content, type));
                case "BOOL" -> attribute.setBOOL(JsonFields.bool(json, content, type));
                case "NULL" -> attribute.setNULL(JsonFields.bool(json, content, type));
                case "SS" -> attribute.setSS(strings(json, content, type));
                case "NS" -> attribute.setNS(strings(json, content, type));
                case "BS" -> attribute.setBS(binaries(json, content));
                case "M" -> attribute.setM(image(json, content, type));
                case "L" -> attribute.setL(list(json, content));
                default -> json.skipChildren();
            }
        }
        return attribute;
    }

    private static List<String> strings(JsonParser json, JsonToken value, String type) throws IOException {
        if (!JsonFields.startsArray(value, type)) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        for (JsonToken item = json.nextToken(); item != JsonToken.END_ARRAY; item = json.nextToken()) {
            strings.add(JsonFields.text(json, item, type + " item"));
        }
        return strings;
    }

    private static List<ByteBuffer> binaries(JsonParser json, JsonToken value) throws IOException {
        if (!JsonFields.startsArray(value, "BS")) {
            return null;
        }
        List<ByteBuffer> binaries = new ArrayList<>();
        for (JsonToken item = json.nextToken(); item != JsonToken.END_ARRAY; item = json.nextToken()) {
            binaries.add(JsonFields.binary(json, item, "BS item"));
        }
        return binaries;
    }

    private static List<AttributeValue> list(JsonParser json, JsonToken value) throws IOException {
        if (!JsonFields.startsArray(value, "L")) {
            return null;
        }
        List<AttributeValue> items = new ArrayList<>();
        for (JsonToken item = json.nextToken(); item != JsonToken.END_ARRAY; item = json.nextToken()) {
            items.add(attribute(json, item));
        }
        return items;
    }
}
