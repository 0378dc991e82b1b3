package io.kinesishydrator.redrive;

/** A stream named on the command line or in a dead-letter message does not exist (or not in that region). */
final class StreamNotFoundException extends ToolException {
    StreamNotFoundException(String message) {
        super(message);
    }
}
