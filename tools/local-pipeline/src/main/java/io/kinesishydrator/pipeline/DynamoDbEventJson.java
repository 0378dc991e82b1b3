package io.kinesishydrator.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * A record of the JSON event Lambda's DynamoDB event source mapping sends a function, as the Lambda developer guide
 * shows it ("Example DynamoDB Streams record event", https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html) and
 * events/dynamodb-stream-batch.json holds it: the stream record's names at the top, its change under
 * {@code dynamodb} in DynamoDB JSON, with {@code ApproximateCreationDateTime} in epoch seconds.
 */
final class DynamoDbEventJson {
    private static final JsonFactory JSON = new JsonFactory();

    private DynamoDbEventJson() {
    }

    /** One record as its own JSON document: what the run's JSON report gives as the record's data. */
    static SdkBytes of(Record record, String streamArn, String region) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            write(json, record, streamArn, region);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return SdkBytes.fromUtf8String(text.toString());
    }

    /** {@code region} is the function's: Lambda delivers a table's stream in the table's region. */
    static void write(JsonGenerator json, Record record, String streamArn, String region) throws IOException {
        StreamRecord change = record.dynamodb();
        json.writeStartObject();
        json.writeStringField("eventID", record.eventID());
        json.writeStringField("eventName", record.eventNameAsString());
        json.writeStringField("eventVersion", "1.1");
        json.writeStringField("eventSource", "aws:dynamodb");
        json.writeStringField("awsRegion", region);
        json.writeObjectFieldStart("dynamodb");
        json.writeNumberField("ApproximateCreationDateTime", change.approximateCreationDateTime().getEpochSecond());
        writeItem(json, "Keys", change.keys());
        if (change.hasNewImage()) {
            writeItem(json, "NewImage", change.newImage());
        }
        if (change.hasOldImage()) {
            writeItem(json, "OldImage", change.oldImage());
        }
        json.writeStringField("SequenceNumber", change.sequenceNumber());
        json.writeNumberField("SizeBytes", change.sizeBytes());
        json.writeStringField("StreamViewType", change.streamViewTypeAsString());
        json.writeEndObject();
        json.writeStringField("eventSourceARN", streamArn);
        json.writeEndObject();
    }

    private static void writeItem(JsonGenerator json, String field, Map<String, AttributeValue> item) throws IOException {
        json.writeFieldName(field);
        DynamoDbJson.writeItem(json, item);
    }
}
