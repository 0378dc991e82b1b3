package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kinesishydrator.common.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads Lambda's Kinesis event JSON into the {@link KinesisEvent} the runtime's own serializers would build, with
 * Jackson's streaming parser, in one pass: no object mapper, no mix-ins, none of the runtime client's serializer
 * classes to load at cold start. Fields it does not know are skipped; {@code data} is base64,
 * {@code approximateArrivalTimestamp} epoch seconds with a fraction.
 */
final class KinesisEventReader {
    private KinesisEventReader() {
    }

    /** The event, or null for a JSON {@code null} or an empty input, as the runtime would pass it. */
    static KinesisEvent read(InputStream input) throws IOException {
        EventJson.Records<KinesisEventRecord> read = EventJson.read(input, "a Kinesis event", KinesisEventReader::record);
        if (read == null) {
            return null;
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(read.records());
        return event;
    }

    private static KinesisEventRecord record(JsonParser json) throws IOException {
        KinesisEventRecord record = new KinesisEventRecord();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "kinesis" -> record.setKinesis(value == JsonToken.START_OBJECT ? kinesis(json) : EventJson.skipped(json));
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
                case "approximateArrivalTimestamp" -> kinesis.setApproximateArrivalTimestamp(
                        EventJson.epochSeconds(json, value, "kinesis.approximateArrivalTimestamp"));
                default -> json.skipChildren();
            }
        }
        return kinesis;
    }
}
