package io.kinesishydrator.hydrate.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where a dead-letter message too large for SQS is stored: the claim check, in the format of the SQS Extended
 * Client Library, so its readers resolve it. The body goes to a new object, and the message sent to SQS holds
 * {@code ["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"…","s3Key":"…"}]}, the library's
 * {@code PayloadS3Pointer} as its {@code JsonDataConverter} writes it. The key is a random UUID, as the library's:
 * two deliveries of one notification then never share an object that a reader of the first may delete.
 *
 * <p>The S3 client is asked for on the first message that needs it: a function that never sees one never loads it.
 */
public final class PayloadBucket {
    static final String POINTER_CLASS = "software.amazon.payloadoffloading.PayloadS3Pointer";

    private final Supplier<S3Client> s3;
    private final String bucket;

    public PayloadBucket(Supplier<S3Client> s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public String name() {
        return bucket;
    }

    /**
     * Stores {@code body} and returns the pointer to it.
     *
     * @throws PayloadNotStoredException when S3 does not take it (after the SDK's own retries)
     */
    public String store(String body) {
        String key = UUID.randomUUID().toString();
        try {
            s3.get().putObject(request -> request.bucket(bucket).key(key).contentType("application/json"),
                    RequestBody.fromString(body, StandardCharsets.UTF_8));
        } catch (SdkException failed) {
            throw new PayloadNotStoredException("the payload bucket " + bucket + " did not take a message of "
                    + Utf8.length(body) + " bytes: " + failed.getMessage(), true, failed);
        }
        return pointer(bucket, key);
    }

    static String pointer(String bucket, String key) {
        return "[" + quoted(POINTER_CLASS) + ",{\"s3BucketName\":" + quoted(bucket) + ",\"s3Key\":" + quoted(key) + "}]";
    }

    /** Bucket names and UUIDs hold no character JSON escapes; the quotes are all they need. */
    private static String quoted(String text) {
        return "\"" + text + "\"";
    }
}
