package io.kinesishydrator.pipeline;

/** The event source mapping had not settled every record (processed, or sent to the OnFailure destination) in time. */
final class FlowTimedOutException extends RuntimeException {
    FlowTimedOutException(String message) {
        super(message);
    }
}
