package io.kinesishydrator.consumer;

import java.util.List;

/**
 * Tells transient failures from permanent ones by exception type. It walks the cause chain, because clients
 * wrap the failure that matters (a timeout inside an SDK exception); the first {@link PermanentRecordException}
 * or transient type found decides. Anything unrecognised is permanent: retrying an unknown bug in-process
 * only burns the shard's time, and the event source mapping still retries the batch.
 */
public final class FailureClassifier {
    // Cause chains can loop (a wraps b wraps a); real ones are a few links long.
    private static final int MAX_CAUSE_DEPTH = 16;

    private final List<Class<? extends Throwable>> transientTypes;

    public FailureClassifier(List<Class<? extends Throwable>> transientTypes) {
        this.transientTypes = List.copyOf(transientTypes);
    }

    public boolean isTransient(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof PermanentRecordException) {
                return false;
            }
            for (Class<? extends Throwable> type : transientTypes) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }
}
