package io.kinesishydrator.hydrate;

import io.kinesishydrator.hydrate.internal.Sha256;
import io.kinesishydrator.hydrate.internal.SqsBodyText;
import io.kinesishydrator.hydrate.internal.Utf8;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One SQS message for the dead-letter queue: its body and the attributes that let a reader (or a FIFO queue)
 * tell messages apart without parsing the body.
 *
 * @param batchKey       the same for every delivery of the same notification; with {@code part}, a deduplication key
 * @param parts          on a range's last message, its part number; null on the messages before it
 * @param status         {@code COMPLETE}, {@code INCOMPLETE} or {@code UNPARSEABLE}; {@code PARTIAL} before the last
 * @param reason         why it is not {@code COMPLETE}, else null
 * @param offloadedBytes when the body is a pointer to the message's body in the payload bucket, that body's size
 *                       (the {@code ExtendedPayloadSize} attribute); else null
 */
public record DeadLetterMessage(String body, String batchKey, int part, Integer parts, String status, String reason,
                                Integer offloadedBytes) {
    public static final String COMPLETE = "COMPLETE";
    public static final String INCOMPLETE = "INCOMPLETE";
    public static final String PARTIAL = "PARTIAL";
    public static final String UNPARSEABLE = "UNPARSEABLE";
    /**
     * The attribute by which the SQS Extended Client Library knows a body it offloaded to S3, and resolves it on
     * receipt ({@code SQSExtendedClientConstants.RESERVED_ATTRIBUTE_NAME}).
     */
    public static final String EXTENDED_PAYLOAD_SIZE = "ExtendedPayloadSize";

    /** A message whose body is in SQS itself. */
    public DeadLetterMessage(String body, String batchKey, int part, Integer parts, String status, String reason) {
        this(body, batchKey, part, parts, status, reason, null);
    }

    /** This message with its body replaced by {@code pointer}, a reference to where the body was stored. */
    public DeadLetterMessage offloadedTo(String pointer) {
        return new DeadLetterMessage(pointer, batchKey, part, parts, status, reason, Utf8.length(body));
    }

    /**
     * Message attributes as name to (data type, value); SQS counts all three toward the message size. The reason
     * holds only characters SQS accepts in an attribute value: others are {@code \}{@code uXXXX} escapes.
     */
    public Map<String, Map.Entry<String, String>> attributes() {
        Map<String, Map.Entry<String, String>> attributes = new LinkedHashMap<>();
        attributes.put("batchKey", Map.entry("String", batchKey));
        attributes.put("part", Map.entry("Number", Integer.toString(part)));
        if (parts != null) {
            attributes.put("parts", Map.entry("Number", Integer.toString(parts)));
        }
        attributes.put("hydrationStatus", Map.entry("String", status));
        if (reason != null) {
            attributes.put("hydrationReason", Map.entry("String", SqsBodyText.escapeRefused(reason)));
        }
        if (offloadedBytes != null) {
            attributes.put(EXTENDED_PAYLOAD_SIZE, Map.entry("Number", Integer.toString(offloadedBytes)));
        }
        return attributes;
    }

    /** The size SQS checks against its limit: the body plus every attribute's name, type and value, in UTF-8. */
    public int sizeInBytes() {
        return Utf8.length(body) + attributesSize(attributes());
    }

    private static int attributesSize(Map<String, Map.Entry<String, String>> attributes) {
        int size = 0;
        for (Map.Entry<String, Map.Entry<String, String>> attribute : attributes.entrySet()) {
            size += Utf8.length(attribute.getKey()) + Utf8.length(attribute.getValue().getKey())
                    + Utf8.length(attribute.getValue().getValue());
        }
        return size;
    }

    /** A FIFO queue's {@code MessageGroupId}: the parts of one batch stay in order; at most 128 characters. */
    public String groupId() {
        return Sha256.hex(batchKey);
    }

    /** A FIFO queue's {@code MessageDeduplicationId}: at most 128 characters, so a digest of key and part. */
    public String deduplicationId() {
        return Sha256.hex(batchKey + "#" + part);
    }
}
