package io.kinesishydrator.redrive;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Reads a dead-letter message in the hydrate's schema (see the README's "The dead-letter message"). It is
 * strict about everything a redrive puts back into a stream, since a record guessed at would be worse than one
 * left in the queue, and ignores the fields it does not use.
 */
public final class DeadLetterParser {
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+");
    private static final Pattern STREAM_ARN = Pattern.compile("arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\\d{12}:stream/[a-zA-Z0-9_.-]{1,128}");

    private static String notKinesisBecause(Map<String, Object> root) {
        if (root.containsKey("requestPayload")) {
            return "a Lambda failure record of the hydrate itself, not a hydrated batch: its requestPayload holds the"
                    + " SNS event with the notification, to hydrate again";
        }
        if (root.containsKey("DDBStreamBatchInfo")) {
            return "a hydrated DynamoDB stream batch: only Kinesis records can be put back into a stream"
                    + " (its records' dynamodb fields have the shape of a DynamoDB event record, to replay another way)";
        }
        return "no KinesisBatchInfo: not a Kinesis OnFailure record (the hydrate passes such messages on as received)";
    }

    public DeadLetter parse(String body) throws NotADeadLetterException {
        Map<String, Object> root = object(body);
        if (!root.containsKey("KinesisBatchInfo")) {
            throw new NotADeadLetterException(notKinesisBecause(root));
        }
        Map<?, ?> batch = map(root, "KinesisBatchInfo");
        Map<?, ?> hydration = map(root, "hydration");
        Object records = root.get("records");
        if (!(records instanceof List<?> list)) {
            throw new NotADeadLetterException("records must be an array");
        }
        String streamArn = text(batch, "KinesisBatchInfo.streamArn");
        if (!STREAM_ARN.matcher(streamArn).matches()) {
            throw new NotADeadLetterException("KinesisBatchInfo.streamArn is not a Kinesis stream ARN: " + streamArn);
        }
        long part = number(hydration, "hydration.part");
        // The hydrate writes parts on a batch's last message only; messages written before it did have it on every part.
        Long parts = hydration.containsKey("parts") ? number(hydration, "hydration.parts") : null;
        long bound = parts == null ? Integer.MAX_VALUE : Math.min(parts, Integer.MAX_VALUE);
        if (part < 1 || part > bound) {
            throw new NotADeadLetterException("hydration.part " + part + " is not within 1 to " + (parts == null ? bound : "hydration.parts " + parts));
        }
        return new DeadLetter(streamArn, text(batch, "KinesisBatchInfo.shardId"),
                decimal(batch, "KinesisBatchInfo.startSequenceNumber"), decimal(batch, "KinesisBatchInfo.endSequenceNumber"),
                condition(root), text(hydration, "hydration.batchKey"), (int) part, parts == null ? null : parts.intValue(),
                text(hydration, "hydration.status"),
                optionalText(hydration, "reason"), records(list));
    }

    private static Map<String, Object> object(String body) throws NotADeadLetterException {
        try {
            return JSON.std.mapFrom(body);
        } catch (IOException | RuntimeException notAnObject) {
            throw new NotADeadLetterException("the body is not a JSON object");
        }
    }

    private static List<DeadLetterRecord> records(List<?> items) throws NotADeadLetterException {
        List<DeadLetterRecord> records = new ArrayList<>(items.size());
        for (Object item : items) {
            String name = "records[" + records.size() + "]";
            if (!(item instanceof Map<?, ?> record)) {
                throw new NotADeadLetterException(name + " must be an object");
            }
            records.add(record(record, name));
        }
        return records;
    }

    private static DeadLetterRecord record(Map<?, ?> record, String name) throws NotADeadLetterException {
        String sequenceNumber = decimal(record, name + ".sequenceNumber");
        Long subSequenceNumber = record.containsKey("subSequenceNumber")
                ? number(record, name + ".subSequenceNumber") : null;
        String partitionKey = text(record, name + ".partitionKey");
        String explicitHashKey = record.containsKey("explicitHashKey") ? decimal(record, name + ".explicitHashKey") : null;
        if (Boolean.TRUE.equals(record.get("truncated"))) {
            return new DeadLetterRecord(sequenceNumber, subSequenceNumber, partitionKey, explicitHashKey, null, true,
                    number(record, name + ".dataBytes"), optionalText(record, "dataSha256"));
        }
        return new DeadLetterRecord(sequenceNumber, subSequenceNumber, partitionKey, explicitHashKey, data(record, name),
                false, null, null);
    }

    /**
     * The record's bytes: from {@code data}, base64, or else from {@code text}, encoded as UTF-8. The hydrate
     * writes one of the two; messages it wrote before it did so hold both, the same bytes, and {@code data} is
     * the one that always held them.
     */
    private static SdkBytes data(Map<?, ?> record, String name) throws NotADeadLetterException {
        if (record.containsKey("data")) {
            String base64 = text(record, name + ".data", true);
            try {
                return SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(base64));
            } catch (IllegalArgumentException notBase64) {
                throw new NotADeadLetterException(name + ".data is not base64: " + notBase64.getMessage());
            }
        }
        if (record.containsKey("text")) {
            try {
                return SdkBytes.fromByteBuffer(StandardCharsets.UTF_8.newEncoder()
                        .encode(CharBuffer.wrap(text(record, name + ".text", true))));
            } catch (CharacterCodingException loneSurrogate) {
                throw new NotADeadLetterException(name + ".text holds a lone surrogate (\\uD800-\\uDFFF), which has no UTF-8 bytes");
            }
        }
        throw new NotADeadLetterException(name + " has neither data nor text, and is not truncated");
    }

    private static String condition(Map<String, Object> root) {
        return root.get("requestContext") instanceof Map<?, ?> context && context.get("condition") instanceof String condition
                ? condition : null;
    }

    private static Map<?, ?> map(Map<?, ?> parent, String field) throws NotADeadLetterException {
        if (!(parent.get(field) instanceof Map<?, ?> child)) {
            throw new NotADeadLetterException(parent.containsKey(field) ? field + " must be an object"
                    : "no " + field + ": the hydrate did not hydrate this message");
        }
        return child;
    }

    private static String text(Map<?, ?> parent, String path) throws NotADeadLetterException {
        return text(parent, path, false);
    }

    private static String text(Map<?, ?> parent, String path, boolean emptyAllowed) throws NotADeadLetterException {
        if (!(parent.get(leaf(path)) instanceof String value) || (!emptyAllowed && value.isEmpty())) {
            throw new NotADeadLetterException(path + " must be a non-empty string");
        }
        return value;
    }

    private static String optionalText(Map<?, ?> parent, String field) {
        return parent.get(field) instanceof String value ? value : null;
    }

    private static String decimal(Map<?, ?> parent, String path) throws NotADeadLetterException {
        String value = text(parent, path);
        if (!DECIMAL.matcher(value).matches()) {
            throw new NotADeadLetterException(path + " must be a decimal number, got " + value);
        }
        return value;
    }

    private static long number(Map<?, ?> parent, String path) throws NotADeadLetterException {
        Object value = parent.get(leaf(path));
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0) {
            throw new NotADeadLetterException(path + " must be a whole number of at least 0, got " + value);
        }
        return ((Number) value).longValue();
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
