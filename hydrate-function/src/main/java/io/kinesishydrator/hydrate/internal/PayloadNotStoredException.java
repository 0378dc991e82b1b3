package io.kinesishydrator.hydrate.internal;

/**
 * A dead-letter message too large for SQS could not be offloaded: no payload bucket is configured, or the bucket
 * did not take it. Thrown before any of the messages given to the writer is sent, so the caller can send them
 * again with the oversized record truncated.
 */
public final class PayloadNotStoredException extends RuntimeException {
    private final boolean bucketFailed;

    PayloadNotStoredException(String message, boolean bucketFailed, Throwable cause) {
        super(message, cause);
        this.bucketFailed = bucketFailed;
    }

    /** True when a bucket is configured and refused or could not be reached; false when none is configured. */
    public boolean bucketFailed() {
        return bucketFailed;
    }
}
