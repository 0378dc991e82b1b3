package io.kinesishydrator.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Base64;
import software.amazon.awssdk.services.kinesis.model.Record;

/** A record of the JSON event Lambda's Kinesis event source mapping sends a function. */
final class KinesisEventJson {
    private KinesisEventJson() {
    }

    static void write(JsonGenerator json, Record record, String shardId, String streamArn, String region) throws IOException {
        json.writeStartObject();
        json.writeObjectFieldStart("kinesis");
        json.writeStringField("kinesisSchemaVersion", "1.0");
        json.writeStringField("partitionKey", record.partitionKey());
        json.writeStringField("sequenceNumber", record.sequenceNumber());
        json.writeStringField("data", Base64.getEncoder().encodeToString(record.data().asByteArrayUnsafe()));
        // Lambda writes the arrival time as epoch seconds with a fraction.
        json.writeFieldName("approximateArrivalTimestamp");
        json.writeNumber(BigDecimal.valueOf(record.approximateArrivalTimestamp().toEpochMilli(), 3));
        json.writeEndObject();
        json.writeStringField("eventSource", "aws:kinesis");
        json.writeStringField("eventVersion", "1.0");
        json.writeStringField("eventID", shardId + ":" + record.sequenceNumber());
        json.writeStringField("eventName", "aws:kinesis:record");
        json.writeStringField("invokeIdentityArn", "arn:aws:iam::000000000000:role/local-consumer");
        json.writeStringField("awsRegion", region);
        json.writeStringField("eventSourceARN", streamArn);
        json.writeEndObject();
    }
}
