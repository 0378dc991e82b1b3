package io.kinesishydrator.redrive;

/** Something the operator has to fix before the tool can run (a queue or stream that does not exist, no credentials). */
class ToolException extends RuntimeException {
    ToolException(String message) {
        super(message);
    }

    ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
