package io.kinesishydrator.local;

/** A local server could not be installed or started; the message says what to do about it. */
public class LocalServerException extends RuntimeException {
    public LocalServerException(String message) {
        super(message);
    }

    public LocalServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
