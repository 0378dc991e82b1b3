package io.kinesishydrator.consumer;

/** A record failed for a reason that may pass (a downstream timeout, throttling); worth retrying in-process. */
public class TransientRecordException extends Exception {
    public TransientRecordException(String message) {
        super(message);
    }

    public TransientRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
