package io.kinesishydrator.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Record;

/** The JSON event Lambda's Kinesis event source mapping sends a function for a batch of one shard's records. */
final class KinesisEventJson {
    private static final JsonFactory JSON = new JsonFactory();

    private KinesisEventJson() {
    }

    static String of(List<Record> records, String shardId, String streamArn, String region) {
        StringWriter text = new StringWriter(records.size() * 512);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeArrayFieldStart("Records");
            for (Record record : records) {
                writeRecord(json, record, shardId, streamArn, region);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return text.toString();
    }

    private static void writeRecord(JsonGenerator json, Record record, String shardId, String streamArn, String region)
            throws IOException {
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
