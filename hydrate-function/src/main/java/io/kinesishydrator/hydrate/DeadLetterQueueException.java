package io.kinesishydrator.hydrate;

/**
 * The dead-letter queue did not take a message. The hydrate handler lets it propagate: Lambda then retries
 * the invocation and, once those retries run out, its own OnFailure destination keeps the raw notification.
 */
public class DeadLetterQueueException extends RuntimeException {
    public DeadLetterQueueException(String message) {
        super(message);
    }

    public DeadLetterQueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
