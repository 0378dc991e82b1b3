package io.kinesishydrator.common;

import java.io.IOException;

/**
 * An event whose JSON a reader cannot follow to its end: a known field of the wrong JSON type, a record that is not
 * an object, content after the event, a truncated document. It fails the whole invocation, so no record of the
 * event is reported done without having been read.
 */
public class MalformedEventException extends IOException {
    public MalformedEventException(String reason) {
        super(reason);
    }

    public MalformedEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
