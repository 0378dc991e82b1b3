package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Reads Lambda's Kinesis event JSON into the {@link KinesisEvent} the runtime's own serializers would build, with
 * Jackson's streaming parser, in one pass: no object mapper, no mix-ins, none of the runtime client's serializer
 * classes to load at cold start. Fields it does not know are skipped; {@code data} is base64,
 * {@code approximateArrivalTimestamp} epoch seconds with a fraction.
 */
public final class KinesisEventReader {
    private static final JsonFactory JSON = new JsonFactory();
    private static final BigDecimal MILLIS_PER_SECOND = BigDecimal.valueOf(1000);

    private KinesisEventReader() {
    }

    /** The event, or null for a JSON {@code null} or an empty input, as the runtime would pass it. */
    public static KinesisEvent read(InputStream input) throws IOException {
        try (JsonParser json = JSON.createParser(input)) {
            JsonToken first = json.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                return null;
            }
            expectObject(json, first, "a Kinesis event");
            KinesisEvent event = new KinesisEvent();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("Records") && value == JsonToken.START_ARRAY) {
                    event.setRecords(records(json));
                } else if (!field.equals("Records") || value != JsonToken.VALUE_NULL) {
                    expectNotRecords(json, field);
                    json.skipChildren();
                }
            }
            return event;
        }
    }

    private static List<KinesisEventRecord> records(JsonParser json) throws IOException {
        List<KinesisEventRecord> records = new ArrayList<>();
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
            if (token == JsonToken.VALUE_NULL) {
                records.add(null);
                continue;
            }
            expectObject(json, token, "a Kinesis event record");
            records.add(record(json));
        }
        return records;
    }

    private static KinesisEventRecord record(JsonParser json) throws IOException {
        KinesisEventRecord record = new KinesisEventRecord();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "kinesis" -> record.setKinesis(value == JsonToken.START_OBJECT ? kinesis(json) : skipNull(json));
                case "eventSource" -> record.setEventSource(json.getValueAsString());
                case "eventID" -> record.setEventID(json.getValueAsString());
                case "invokeIdentityArn" -> record.setInvokeIdentityArn(json.getValueAsString());
                case "eventName" -> record.setEventName(json.getValueAsString());
                case "eventVersion" -> record.setEventVersion(json.getValueAsString());
                case "eventSourceARN" -> record.setEventSourceARN(json.getValueAsString());
                case "awsRegion" -> record.setAwsRegion(json.getValueAsString());
                default -> json.skipChildren();
            }
        }
        return record;
    }

    private static KinesisEvent.Record kinesis(JsonParser json) throws IOException {
        KinesisEvent.Record kinesis = new KinesisEvent.Record();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "kinesisSchemaVersion" -> kinesis.setKinesisSchemaVersion(json.getValueAsString());
                case "partitionKey" -> kinesis.setPartitionKey(json.getValueAsString());
                case "sequenceNumber" -> kinesis.setSequenceNumber(json.getValueAsString());
                case "encryptionType" -> kinesis.setEncryptionType(json.getValueAsString());
                case "data" -> kinesis.setData(value == JsonToken.VALUE_NULL ? null : ByteBuffer.wrap(json.getBinaryValue()));
                case "approximateArrivalTimestamp" -> kinesis.setApproximateArrivalTimestamp(arrival(json, value));
                default -> json.skipChildren();
            }
        }
        return kinesis;
    }

    /** Epoch seconds with a millisecond fraction, as Lambda writes them; whole milliseconds, as the runtime keeps them. */
    private static Date arrival(JsonParser json, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!value.isNumeric()) {
            throw new IOException("kinesis.approximateArrivalTimestamp must be a number of seconds, got " + json.getText());
        }
        return new Date(json.getDecimalValue().multiply(MILLIS_PER_SECOND).longValue());
    }

    private static <T> T skipNull(JsonParser json) throws IOException {
        json.skipChildren();
        return null;
    }

    private static void expectNotRecords(JsonParser json, String field) throws IOException {
        if (field.equals("Records")) {
            throw new IOException("Records must be an array, got " + json.currentToken());
        }
    }

    private static void expectObject(JsonParser json, JsonToken actual, String what) throws IOException {
        if (actual != JsonToken.START_OBJECT) {
            throw new IOException(what + " must be a JSON object, got " + actual + " at " + json.currentLocation());
        }
    }
}
