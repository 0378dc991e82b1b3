package io.kinesishydrator.hydrate.internal;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The records of a failed batch taken from the invocation event an S3 OnFailure object carries as its
 * {@code payload}, as the SDK records a stream read returns, so that they are rendered exactly as a read range
 * is: a Kinesis event's {@code Records[].kinesis} or a DynamoDB stream event's {@code Records[]}. The payload is
 * the batch Lambda invoked with, so nothing is read from the stream; a payload that is absent or unreadable
 * leaves the whole range missing, with the reason, and hands on no record. The payload fits one invocation's
 * event (6 MB), so its records are all converted before the first is handed on.
 */
public final class PayloadRecords {
    private static final JSON JSON_READER = JSON.std.with(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS);

    private PayloadRecords() {
    }

    public static RangeRead kinesis(String payload, StreamBatchInfo batch, Consumer<Record> records) {
        return read(payload, batch, PayloadRecords::kinesisRecord, records);
    }

    public static RangeRead dynamoDb(String payload, StreamBatchInfo batch,
                                     Consumer<software.amazon.awssdk.services.dynamodb.model.Record> records) {
        return read(payload, batch, PayloadRecords::dynamoDbRecord, records);
    }

    private static <R> RangeRead read(String payload, StreamBatchInfo batch, Function<Map<?, ?>, R> convert,
                                      Consumer<R> handedOn) {
        List<R> records = new ArrayList<>();
        try {
            for (Object record : eventRecords(payload)) {
                records.add(convert.apply((Map<?, ?>) record));
            }
        } catch (IOException | RuntimeException unreadable) {
            String reason = "the S3 object's payload holds no readable event: " + unreadable.getMessage();
            return new RangeRead(0, null, List.of(MissingRange.fromThrough(batch.startSequenceNumber(),
                    batch.endSequenceNumber(), reason)), List.of(), false);
        }
        records.forEach(handedOn);
        List<String> notes = batch.batchSize() == null || batch.batchSize() == records.size() ? List.of()
                : List.of("the payload holds " + records.size() + " records and batchSize says " + batch.batchSize());
        return new RangeRead(records.size(), null, List.of(), notes, false);
    }

    private static List<?> eventRecords(String payload) throws IOException {
        if (payload == null) {
            throw new IOException("the object has no payload field");
        }
        Object records = JSON_READER.mapFrom(payload).get("Records");
        if (!(records instanceof List<?> list)) {
            throw new IOException("the event has no Records array");
        }
        return list;
    }

    private static Record kinesisRecord(Map<?, ?> eventRecord) {
        Map<?, ?> kinesis = object(eventRecord, "kinesis");
        return Record.builder()
                .sequenceNumber(text(kinesis, "sequenceNumber"))
                .partitionKey(text(kinesis, "partitionKey"))
                .data(SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(text(kinesis, "data"))))
                .approximateArrivalTimestamp(epochSeconds(kinesis.get("approximateArrivalTimestamp")))
                .encryptionType((String) kinesis.get("encryptionType"))
                .build();
    }

    private static software.amazon.awssdk.services.dynamodb.model.Record dynamoDbRecord(Map<?, ?> eventRecord) {
        Map<?, ?> change = object(eventRecord, "dynamodb");
        StreamRecord.Builder stream = StreamRecord.builder()
                .sequenceNumber(text(change, "SequenceNumber"))
                .approximateCreationDateTime(epochSeconds(change.get("ApproximateCreationDateTime")))
                .sizeBytes(change.get("SizeBytes") instanceof Number size ? size.longValue() : null)
                .streamViewType((String) change.get("StreamViewType"))
                .keys(DynamoDbJson.image(change.get("Keys")))
                .newImage(DynamoDbJson.image(change.get("NewImage")))
                .oldImage(DynamoDbJson.image(change.get("OldImage")));
        var record = software.amazon.awssdk.services.dynamodb.model.Record.builder()
                .eventID((String) eventRecord.get("eventID"))
                .eventName((String) eventRecord.get("eventName"))
                .eventVersion((String) eventRecord.get("eventVersion"))
                .awsRegion((String) eventRecord.get("awsRegion"))
                .dynamodb(stream.build());
        if (eventRecord.get("userIdentity") instanceof Map<?, ?> identity) {
            record.userIdentity(Identity.builder().type((String) identity.get("type"))
                    .principalId((String) identity.get("principalId")).build());
        }
        return record.build();
    }

    /** Lambda writes these times as epoch seconds with an optional fraction. */
    private static Instant epochSeconds(Object value) {
        if (!(value instanceof Number seconds)) {
            return null;
        }
        BigDecimal exact = new BigDecimal(seconds.toString());
        return Instant.ofEpochSecond(exact.longValue(), exact.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }

    private static Map<?, ?> object(Map<?, ?> parent, String field) {
        if (!(parent.get(field) instanceof Map<?, ?> child)) {
            throw new IllegalArgumentException("a record of the event has no " + field + " object");
        }
        return child;
    }

    private static String text(Map<?, ?> parent, String field) {
        if (!(parent.get(field) instanceof String text)) {
            throw new IllegalArgumentException("a record of the event has no " + field);
        }
        return text;
    }
}
