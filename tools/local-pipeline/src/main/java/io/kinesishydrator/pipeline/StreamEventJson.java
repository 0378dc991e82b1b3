package io.kinesishydrator.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** The JSON event Lambda's event source mapping sends a function for a batch of one shard's records: {@code {"Records": [...]}}. */
final class StreamEventJson {
    private static final JsonFactory JSON = new JsonFactory();

    private StreamEventJson() {
    }

    static String of(List<StreamRecord> records, String shardId, String streamArn, String region) {
        StringWriter text = new StringWriter(records.size() * 512);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeArrayFieldStart("Records");
            for (StreamRecord record : records) {
                switch (record) {
                    case KinesisStreamRecord kinesis -> KinesisEventJson.write(json, kinesis.record(), shardId, streamArn, region);
                    case DynamoDbStreamRecord dynamoDb -> DynamoDbEventJson.write(json, dynamoDb.record(), streamArn, region);
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return text.toString();
    }
}
