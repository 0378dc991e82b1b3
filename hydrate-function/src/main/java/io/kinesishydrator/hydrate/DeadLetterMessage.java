package io.kinesishydrator.hydrate;

import io.kinesishydrator.hydrate.internal.Sha256;
import io.kinesishydrator.hydrate.internal.Utf8;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One SQS message for the dead-letter queue: its body and the attributes that let a reader (or a FIFO queue)
 * tell messages apart without parsing the body.
 *
 * @param batchKey the same for every delivery of the same notification; with {@code part}, a deduplication key
 * @param parts    on a range's last message, its part number; null on the messages before it
 * @param status   {@code COMPLETE}, {@code INCOMPLETE} or {@code UNPARSEABLE}; {@code PARTIAL} before the last
 * @param reason   why it is not {@code COMPLETE}, else null
 */
public record DeadLetterMessage(String body, String batchKey, int part, Integer parts, String status, String reason) {
    public static final String COMPLETE = "COMPLETE";
    public static final String INCOMPLETE = "INCOMPLETE";
    public static final String PARTIAL = "PARTIAL";
    public static final String UNPARSEABLE = "UNPARSEABLE";

    /** Message attributes as name to (data type, value); SQS counts all three toward the message size. */
    public Map<String, Map.Entry<String, String>> attributes() {
        Map<String, Map.Entry<String, String>> attributes = new LinkedHashMap<>();
        attributes.put("batchKey", Map.entry("String", batchKey));
        attributes.put("part", Map.entry("Number", Integer.toString(part)));
        if (parts != null) {
            attributes.put("parts", Map.entry("Number", Integer.toString(parts)));
        }
        attributes.put("hydrationStatus", Map.entry("String", status));
        if (reason != null) {
            attributes.put("hydrationReason", Map.entry("String", reason));
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
