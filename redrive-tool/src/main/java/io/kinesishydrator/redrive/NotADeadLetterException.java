package io.kinesishydrator.redrive;

/** A queue message that is not a dead-letter message in the hydrate's schema; the message says what is off. */
public final class NotADeadLetterException extends Exception {
    public NotADeadLetterException(String message) {
        super(message);
    }
}
