package io.kinesishydrator.hydrate.internal;

/** A notification (an SNS or SQS message, an S3 object) that is not a usable stream OnFailure record; retrying cannot fix it. */
public class MalformedNotificationException extends Exception {
    public MalformedNotificationException(String reason) {
        super(reason);
    }

    public MalformedNotificationException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
