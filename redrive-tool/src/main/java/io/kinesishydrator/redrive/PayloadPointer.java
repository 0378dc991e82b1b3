package io.kinesishydrator.redrive;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Where the body of a message offloaded to S3 is, in the SQS Extended Client's format (its claim check): the
 * message carries the attribute {@code ExtendedPayloadSize} (the body's size in bytes) and its body is
 * {@code ["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"...","s3Key":"..."}]}.
 */
record PayloadPointer(String bucket, String key) {
    /** The attribute that marks an offloaded message, and the name the client's version 1 gave it. */
    static final List<String> SIZE_ATTRIBUTES = List.of("ExtendedPayloadSize", "SQSLargePayloadSize");
    // Version 1 of the client named the pointer class after itself; version 2 reads both.
    private static final Set<String> POINTER_CLASSES = Set.of("software.amazon.payloadoffloading.PayloadS3Pointer",
            "com.amazon.sqs.javamessaging.MessageS3Pointer");

    /**
     * The pointer in {@code message}, or null when its body is inline (no size attribute); a
     * {@link NotADeadLetterException} when the attribute is there and the body is not a pointer.
     */
    static PayloadPointer of(Message message) throws NotADeadLetterException {
        Map<String, MessageAttributeValue> attributes = message.messageAttributes();
        if (SIZE_ATTRIBUTES.stream().noneMatch(attributes::containsKey)) {
            return null;
        }
        Object pointer;
        try {
            pointer = JSON.std.anyFrom(message.body());
        } catch (IOException | RuntimeException notJson) {
            pointer = null;
        }
        if (pointer instanceof List<?> typed && typed.size() == 2 && POINTER_CLASSES.contains(typed.get(0))
                && typed.get(1) instanceof Map<?, ?> fields
                && fields.get("s3BucketName") instanceof String bucket && !bucket.isEmpty()
                && fields.get("s3Key") instanceof String key && !key.isEmpty()) {
            return new PayloadPointer(bucket, key);
        }
        throw new NotADeadLetterException("it carries the SQS Extended Client's attribute " + SIZE_ATTRIBUTES.get(0)
                + " but its body is not a PayloadS3Pointer to the S3 object holding the message");
    }

    /** The object as an S3 URI, for messages to the operator. */
    String location() {
        return "s3://" + bucket + "/" + key;
    }
}
