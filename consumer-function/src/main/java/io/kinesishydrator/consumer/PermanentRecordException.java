package io.kinesishydrator.consumer;

/**
 * A record can never succeed as it is (malformed or invalid data). It is reported at once and never retried
 * in-process, even when its cause is of a type registered as transient.
 */
public class PermanentRecordException extends Exception {
    public PermanentRecordException(String message) {
        super(message);
    }

    public PermanentRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
