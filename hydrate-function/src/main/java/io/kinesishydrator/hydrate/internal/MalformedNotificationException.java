package io.kinesishydrator.hydrate.internal;

/** An SNS message that is not a usable Kinesis OnFailure record; retrying cannot fix it. */
public class MalformedNotificationException extends Exception {
    public MalformedNotificationException(String reason) {
        super(reason);
    }

    public MalformedNotificationException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
