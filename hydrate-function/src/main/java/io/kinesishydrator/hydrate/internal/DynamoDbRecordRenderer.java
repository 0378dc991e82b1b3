package io.kinesishydrator.hydrate.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * A DynamoDB stream record as the dead-letter message holds it: its event fields, then its keys and images
 * twice, as plain JSON ({@code keys}, {@code newImage}, {@code oldImage}: numbers as JSON numbers, binary as
 * base64, sets as arrays) to read, and as DynamoDB JSON under {@code dynamodb} ({@code Keys}, {@code NewImage},
 * {@code OldImage}, typed and lossless, the shape of a Lambda DynamoDB event's record) to replay.
 *
 * <p>An item is up to 400 KB and a record can hold two images, so a record may not fit a message: its images are
 * then written in DynamoDB JSON only, and if that does not fit either, it keeps its keys and gets
 * {@code truncated: true} and {@code imagesSha256}, the digest of its images' DynamoDB JSON; or, from the
 * renderer {@link #keepingOversized() keeping oversized records}, stays whole in a message of its own, which goes
 * to the payload bucket.
 */
public final class DynamoDbRecordRenderer implements RecordRenderer<Record> {
    public static final DynamoDbRecordRenderer INSTANCE = new DynamoDbRecordRenderer(false);
    private static final DynamoDbRecordRenderer KEEPING_OVERSIZED = new DynamoDbRecordRenderer(true);
    private static final JsonFactory JSON = new JsonFactory();

    private enum Form { FULL, DYNAMODB_JSON_ONLY, TRUNCATED }

    private final boolean keepOversized;

    private DynamoDbRecordRenderer(boolean keepOversized) {
        this.keepOversized = keepOversized;
    }

    @Override
    public DynamoDbRecordRenderer keepingOversized() {
        return KEEPING_OVERSIZED;
    }

    @Override
    public String sequenceNumber(Record record) {
        return record.dynamodb().sequenceNumber();
    }

    @Override
    public List<String> render(Record record, int budget) {
        String full = write(record, Form.FULL);
        if (Utf8.length(full) <= budget) {
            return List.of(full);
        }
        String typedOnly = write(record, Form.DYNAMODB_JSON_ONLY);
        if (Utf8.length(typedOnly) <= budget) {
            return List.of(typedOnly);
        }
        return List.of(keepOversized ? full : write(record, Form.TRUNCATED));
    }

    private static String write(Record record, Form form) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            StreamRecord change = record.dynamodb();
            json.writeStartObject();
            json.writeStringField("sequenceNumber", change.sequenceNumber());
            writeEventFields(json, record);
            writeImage(json, "keys", change.keys(), false);
            if (form == Form.FULL) {
                writeImage(json, "newImage", change.newImage(), false);
                writeImage(json, "oldImage", change.oldImage(), false);
            }
            json.writeObjectFieldStart("dynamodb");
            writeImage(json, "Keys", change.keys(), true);
            if (form != Form.TRUNCATED) {
                writeImage(json, "NewImage", change.newImage(), true);
                writeImage(json, "OldImage", change.oldImage(), true);
            }
            json.writeEndObject();
            if (form == Form.TRUNCATED) {
                json.writeBooleanField("truncated", true);
                json.writeStringField("imagesSha256", Sha256.hex(imagesOf(change)));
            }
            json.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return SqsBodyText.escapeRefused(text.toString());
    }

    private static void writeEventFields(JsonGenerator json, Record record) throws IOException {
        StreamRecord change = record.dynamodb();
        writeIfPresent(json, "eventID", record.eventID());
        writeIfPresent(json, "eventName", record.eventNameAsString());
        writeIfPresent(json, "eventVersion", record.eventVersion());
        writeIfPresent(json, "awsRegion", record.awsRegion());
        if (change.approximateCreationDateTime() != null) {
            json.writeStringField("approximateCreationDateTime", change.approximateCreationDateTime().toString());
        }
        if (change.sizeBytes() != null) {
            json.writeNumberField("sizeBytes", change.sizeBytes());
        }
        writeIfPresent(json, "streamViewType", change.streamViewTypeAsString());
        if (record.userIdentity() != null) {
            // Present on deletes by DynamoDB's own TTL: {"type": "Service", "principalId": "dynamodb.amazonaws.com"}.
            json.writeObjectFieldStart("userIdentity");
            writeIfPresent(json, "type", record.userIdentity().type());
            writeIfPresent(json, "principalId", record.userIdentity().principalId());
            json.writeEndObject();
        }
    }

    /** The images as one DynamoDB JSON text, for the digest of a truncated record. */
    private static String imagesOf(StreamRecord change) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            writeImage(json, "NewImage", change.newImage(), true);
            writeImage(json, "OldImage", change.oldImage(), true);
            json.writeEndObject();
        }
        return text.toString();
    }

    /** Leaves the field out when the stream view type does not carry it (the SDK gives an empty map then). */
    private static void writeImage(JsonGenerator json, String field, Map<String, AttributeValue> image, boolean typed)
            throws IOException {
        if (image == null || image.isEmpty()) {
            return;
        }
        json.writeFieldName(field);
        writeMap(json, image, typed);
    }

    private static void writeMap(JsonGenerator json, Map<String, AttributeValue> attributes, boolean typed) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, AttributeValue> attribute : attributes.entrySet()) {
            json.writeFieldName(attribute.getKey());
            if (typed) {
                writeTyped(json, attribute.getValue());
            } else {
                writePlain(json, attribute.getValue());
            }
        }
        json.writeEndObject();
    }

    private static void writeTyped(JsonGenerator json, AttributeValue value) throws IOException {
        json.writeStartObject();
        switch (value.type()) {
            case S -> json.writeStringField("S", value.s());
            case N -> json.writeStringField("N", value.n());
            case B -> json.writeStringField("B", base64(value.b().asByteArrayUnsafe()));
            case BOOL -> json.writeBooleanField("BOOL", value.bool());
            case NUL -> json.writeBooleanField("NULL", true);
            case SS -> writeStrings(json, "SS", value.ss());
            case NS -> writeStrings(json, "NS", value.ns());
            case BS -> writeStrings(json, "BS", value.bs().stream().map(bytes -> base64(bytes.asByteArrayUnsafe())).toList());
            case M -> {
                json.writeFieldName("M");
                writeMap(json, value.m(), true);
            }
            case L -> {
                json.writeArrayFieldStart("L");
                for (AttributeValue item : value.l()) {
                    writeTyped(json, item);
                }
                json.writeEndArray();
            }
            default -> throw new IllegalArgumentException("an attribute of a type this SDK does not know: " + value);
        }
        json.writeEndObject();
    }

    private static void writePlain(JsonGenerator json, AttributeValue value) throws IOException {
        switch (value.type()) {
            case S -> json.writeString(value.s());
            case N -> writeNumber(json, value.n());
            case B -> json.writeString(base64(value.b().asByteArrayUnsafe()));
            case BOOL -> json.writeBoolean(value.bool());
            case NUL -> json.writeNull();
            case SS -> writeArray(json, value.ss());
            case NS -> {
                json.writeStartArray();
                for (String number : value.ns()) {
                    writeNumber(json, number);
                }
                json.writeEndArray();
            }
            case BS -> writeArray(json, value.bs().stream().map(bytes -> base64(bytes.asByteArrayUnsafe())).toList());
            case M -> writeMap(json, value.m(), false);
            case L -> {
                json.writeStartArray();
                for (AttributeValue item : value.l()) {
                    writePlain(json, item);
                }
                json.writeEndArray();
            }
            default -> throw new IllegalArgumentException("an attribute of a type this SDK does not know: " + value);
        }
    }

    /** DynamoDB numbers have up to 38 digits: written as JSON numbers exactly, never through a double. */
    private static void writeNumber(JsonGenerator json, String number) throws IOException {
        json.writeNumber(new BigDecimal(number));
    }

    private static void writeStrings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeFieldName(field);
        writeArray(json, values);
    }

    private static void writeArray(JsonGenerator json, List<String> values) throws IOException {
        json.writeStartArray();
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static void writeIfPresent(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
