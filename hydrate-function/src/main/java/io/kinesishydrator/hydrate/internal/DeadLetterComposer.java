package io.kinesishydrator.hydrate.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.kinesishydrator.hydrate.DeadLetterMessage;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Turns a notification and the records read for it into dead-letter messages, each under the queue's size limit.
 *
 * <p>A message body is the OnFailure record as received, with two fields added: {@code hydration}
 * (batch key, part, and on the last part the range's status: see {@link DeadLetterEnvelope}) and {@code records},
 * part of the range in shard order, written by the stream's {@link RecordRenderer}. A range too large for one
 * message is split into parts that share the batch key, sent as they fill ({@link DeadLetterPacker}). The
 * record's text is changed only as {@link NotificationText} says (earlier hydration fields renamed, characters
 * SQS refuses escaped); the whole body holds only characters SQS accepts.
 *
 * <p>For Kinesis (records read from the stream, and records taken from an S3 OnFailure object's payload), each
 * record carries its bytes in exactly one field. {@code text} when the bytes are well-formed UTF-8 (see
 * {@link Utf8#decode}): the record's bytes are the UTF-8 encoding of the JSON string's value. Otherwise
 * {@code data}: the bytes in base64. A text record whose text does not fit in a message but whose base64 does is
 * written with {@code data}. A record that fits in a message of its own in neither form is sent without its
 * data: metadata, {@code dataBytes}, {@code dataSha256} and {@code truncated: true}. A record the Kinesis
 * Producer Library aggregated is listed as its user records, each written the same way, with the Kinesis
 * record's sequence number, its own sub-sequence number and its own partition key (and explicit hash key), so a
 * replay puts back what the producer wrote. For DynamoDB streams, see {@link DynamoDbRecordRenderer}.
 */
public final class DeadLetterComposer {
    private static final JsonFactory JSON = new JsonFactory();

    private final int maxMessageBytes;

    public DeadLetterComposer(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * The messages of one notification's range, handed to {@code messages} as each fills (see
     * {@link DeadLetterPacker}).
     *
     * @param recordsFrom where the records come from when not from the stream, for {@code hydration.recordsFrom}; else null
     * @param from        the continuation the range goes on from, or null from its start
     */
    public <R> DeadLetterPacker<R> packer(FailureNotification notification, RecordRenderer<R> renderer, String recordsFrom,
                                          Continuation from, Consumer<DeadLetterMessage> messages) {
        return new DeadLetterPacker<>(new DeadLetterEnvelope(notification, recordsFrom), renderer, maxMessageBytes, from, messages);
    }

    /**
     * The message for a notification that cannot be parsed, the reason in the attributes: JSON as received,
     * other text in base64 (see {@link NotificationText#unparseableBody}).
     */
    public DeadLetterMessage unparseable(String rawMessage, String reason) {
        String body = NotificationText.unparseableBody(rawMessage);
        String batchKey = "unparseable/" + Sha256.hex(body);
        return new DeadLetterMessage(body, batchKey, 1, 1, DeadLetterMessage.UNPARSEABLE, reason);
    }

    /**
     * The message for an S3 OnFailure object that cannot be read or parsed: it names the object (which may hold
     * more than a message can, or be gone), the reason in the attributes.
     */
    public DeadLetterMessage unparseable(S3ObjectReference object, String reason) {
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("bucket", object.bucket());
        location.put("key", object.key());
        return unparseable(RecordJson.object(Map.of("onFailureObject", location)), reason);
    }

    /** A record as the {@code records} array holds it. */
    static final class RecordJson {
        private RecordJson() {
        }

        /**
         * The record (or one user record of a KPL aggregate, when {@code userRecord} is set) in the first form that
         * fits in {@code budget} bytes: with {@code text} when its bytes are UTF-8, with {@code data} (base64) when
         * they are not or when the text does not fit but the base64 does (escapes can make text the longer of
         * the two), else truncated.
         */
        static String fitting(Record record, KplAggregatedRecords.UserRecord userRecord, int budget) {
            byte[] data = userRecord == null ? record.data().asByteArrayUnsafe() : userRecord.data();
            Map<String, Object> metadata = metadata(record, userRecord);
            String text = Utf8.decode(data);
            if (text != null) {
                String asText = withField(metadata, "text", text);
                if (Utf8.length(asText) <= budget) {
                    return asText;
                }
            }
            String asData = withField(metadata, "data", Base64.getEncoder().encodeToString(data));
            return Utf8.length(asData) <= budget ? asData : truncated(metadata, data);
        }

        private static String withField(Map<String, Object> metadata, String name, String value) {
            Map<String, Object> fields = new LinkedHashMap<>(metadata);
            fields.put(name, value);
            return object(fields);
        }

        private static String truncated(Map<String, Object> metadata, byte[] data) {
            Map<String, Object> fields = new LinkedHashMap<>(metadata);
            fields.put("truncated", Boolean.TRUE);
            fields.put("dataBytes", data.length);
            fields.put("dataSha256", Sha256.hex(data));
            return object(fields);
        }

        private static Map<String, Object> metadata(Record record, KplAggregatedRecords.UserRecord userRecord) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("sequenceNumber", record.sequenceNumber());
            if (userRecord == null) {
                fields.put("partitionKey", record.partitionKey());
            } else {
                fields.put("subSequenceNumber", userRecord.subSequenceNumber());
                fields.put("partitionKey", userRecord.partitionKey());
                fields.put("explicitHashKey", userRecord.explicitHashKey());
            }
            fields.put("approximateArrivalTimestamp",
                    record.approximateArrivalTimestamp() == null ? null : record.approximateArrivalTimestamp().toString());
            fields.put("encryptionType", record.encryptionTypeAsString());
            return fields;
        }

        /**
         * A JSON object of strings, numbers, booleans, lists and nested objects; null values are left out. Its
         * text holds only characters SQS accepts: any other character of a string is a {@code \}{@code uXXXX}
         * escape.
         */
        static String object(Map<String, Object> fields) {
            StringWriter text = new StringWriter(256);
            try (JsonGenerator json = JSON.createGenerator(text)) {
                json.writeStartObject();
                for (Map.Entry<String, Object> field : fields.entrySet()) {
                    if (field.getValue() != null) {
                        json.writeFieldName(field.getKey());
                        writeValue(json, field.getValue());
                    }
                }
                json.writeEndObject();
            } catch (IOException impossible) {
                throw new UncheckedIOException(impossible);
            }
            return SqsBodyText.escapeRefused(text.toString());
        }

        private static void writeValue(JsonGenerator json, Object value) throws IOException {
            switch (value) {
                case Integer number -> json.writeNumber(number);
                case Long number -> json.writeNumber(number);
                case Boolean flag -> json.writeBoolean(flag);
                case List<?> list -> {
                    json.writeStartArray();
                    for (Object item : list) {
                        writeValue(json, item);
                    }
                    json.writeEndArray();
                }
                case Map<?, ?> map -> {
                    json.writeStartObject();
                    for (Map.Entry<?, ?> field : map.entrySet()) {
                        if (field.getValue() != null) {
                            json.writeFieldName(field.getKey().toString());
                            writeValue(json, field.getValue());
                        }
                    }
                    json.writeEndObject();
                }
                default -> json.writeString(value.toString());
            }
        }
    }
}
