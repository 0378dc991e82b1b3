package io.kinesishydrator.common;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Runs an action, retrying the failures a predicate calls retryable, with {@link Backoff} between attempts,
 * for at most {@code maxAttempts} attempts and never past a {@link Deadline}. When it gives up it rethrows
 * the last failure unchanged, so callers see the real cause.
 */
public final class Retrier {
    private final int maxAttempts;
    private final Backoff backoff;
    private final Sleeper sleeper;

    public Retrier(int maxAttempts, Backoff backoff, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** An action that may fail; {@link #call} retries it. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws Exception;
    }

    /** Observes each retry (its number, from 1, and the failure that caused it); for logs and metrics. */
    @FunctionalInterface
    public interface RetryListener {
        RetryListener NONE = (retry, failure, delay) -> { };

        void onRetry(int retry, Exception failure, Duration delay);
    }

    public <T> T call(Attempt<T> attempt, Predicate<? super Exception> retryable, Deadline deadline) throws Exception {
        return call(attempt, retryable, deadline, RetryListener.NONE);
    }

    public <T> T call(Attempt<T> attempt, Predicate<? super Exception> retryable, Deadline deadline,
                      RetryListener listener) throws Exception {
        try {
            return attempt.run();
        } catch (Exception failure) {
            return retryAfter(failure, attempt, retryable, deadline, listener);
        }
    }

    /**
     * Goes on from a first attempt that already failed with {@code firstFailure}, made by the caller itself: a hot
     * path that mostly succeeds then builds no attempt, predicate or listener until something fails.
     */
    public <T> T retryAfter(Exception firstFailure, Attempt<T> attempt, Predicate<? super Exception> retryable,
                            Deadline deadline, RetryListener listener) throws Exception {
        Exception failure = firstFailure;
        for (int attemptNumber = 1; ; attemptNumber++) {
            if (attemptNumber >= maxAttempts || !retryable.test(failure)) {
                throw failure;
            }
            Duration delay = backoff.delay(attemptNumber);
            if (!deadline.allows(delay)) {
                throw failure;
            }
            listener.onRetry(attemptNumber, failure, delay);
            pause(delay, failure);
            try {
                return attempt.run();
            } catch (Exception next) {
                failure = next;
            }
        }
    }

    private void pause(Duration delay, Exception pending) throws Exception {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
            // Lambda does not interrupt handlers; whoever did wants us to stop, so give up with the real failure.
            Thread.currentThread().interrupt();
            pending.addSuppressed(interrupted);
            throw pending;
        }
    }
}
