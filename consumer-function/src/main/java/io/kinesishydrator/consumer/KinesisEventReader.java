package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kinesishydrator.common.EventJson;
import io.kinesishydrator.common.JsonFields;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads Lambda's Kinesis event JSON into the {@link KinesisEvent} the runtime's own serializers would build, with
 * Jackson's streaming parser, in one pass: no object mapper, no mix-ins, none of the runtime client's serializer
 * classes to load at cold start. Fields it does not know are skipped, whatever their type; a known field of
 * the wrong JSON type fails the whole event (see {@link JsonFields}). {@code data} is base64,
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
        for (String field = JsonFields.nextField(json); field != null; field = JsonFields.nextField(json)) {
            JsonToken value = json.nextToken();
            switch (field) {
                case "kinesis" -> record.setKinesis(JsonFields.startsObject(value, "kinesis") ? kinesis(json) : null);
                case "eventSource" -> record.setEventSource(JsonFields.text(json, value, field));
                case "eventID" -> record.setEventID(JsonFields.text(json, value, field));
                case "invokeIdentityArn" -> record.setInvokeIdentityArn(JsonFields.text(json, value, field));
                case "eventName" -> record.setEventName(JsonFields.text(json, value, field));
                case "eventVersion" -> record.setEventVersion(JsonFields.text(json, value, field));
                case "eventSourceARN" -> record.setEventSourceARN(JsonFields.text(json, value, field));
                case "awsRegion" -> record.setAwsRegion(JsonFields.text(json, value, field));
                default -> json.skipChildren();
            }
        }
        return record;
    }

    private static KinesisEvent.Record kinesis(JsonParser json) throws IOException {
        KinesisEvent.Record kinesis = new KinesisEvent.Record();
        for (String field = JsonFields.nextField(json); field != null; field = JsonFields.nextField(json)) {
            JsonToken value = json.nextToken();
            switch (field) {
                case "kinesisSchemaVersion" -> kinesis.setKinesisSchemaVersion(JsonFields.text(json, value, "kinesis.kinesisSchemaVersion"));
                case "partitionKey" -> kinesis.setPartitionKey(JsonFields.text(json, value, "kinesis.partitionKey"));
                case "sequenceNumber" -> kinesis.setSequenceNumber(JsonFields.text(json, value, "kinesis.sequenceNumber"));
                case "encryptionType" -> kinesis.setEncryptionType(JsonFields.text(json, value, "kinesis.encryptionType"));
                case "data" -> kinesis.setData(JsonFields.binary(json, value, "kinesis.data"));
                case "approximateArrivalTimestamp" -> kinesis.setApproximateArrivalTimestamp(
                        JsonFields.epochSeconds(json, value, "kinesis.approximateArrivalTimestamp"));
                default -> json.skipChildren();
            }
        }
        return kinesis;
    }
}
