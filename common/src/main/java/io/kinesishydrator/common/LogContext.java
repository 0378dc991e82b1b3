package io.kinesishydrator.common;

/**
 * The Lambda request id of the invocation this thread serves, stamped on every log line so the lines of one
 * invocation can be found together. Handlers open it with {@link #forRequest(String)} and close it when done.
 */
public final class LogContext implements AutoCloseable {
    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();

    private final String previous;

    private LogContext(String requestId) {
        this.previous = REQUEST_ID.get();
        REQUEST_ID.set(requestId);
    }

    public static LogContext forRequest(String requestId) {
        return new LogContext(requestId);
    }

    static String requestId() {
        return REQUEST_ID.get();
    }

    @Override
    public void close() {
        if (previous == null) {
            REQUEST_ID.remove();
        } else {
            REQUEST_ID.set(previous);
        }
    }
}
