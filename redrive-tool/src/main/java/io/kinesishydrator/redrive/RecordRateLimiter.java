package io.kinesishydrator.redrive;

import io.kinesishydrator.common.Sleeper;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spreads records over time at a fixed rate, so that loading a backlog leaves the stream's write capacity
 * (1,000 records a second per shard) to the producers that share it. One limiter can pace several senders.
 */
public final class RecordRateLimiter {
    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double recordsPerSecond;
    private final Sleeper sleeper;
    private final LongSupplier nanoClock;
    private long nextFreeNanos;

    private RecordRateLimiter(double recordsPerSecond, Sleeper sleeper, LongSupplier nanoClock) {
        this.recordsPerSecond = recordsPerSecond;
        this.sleeper = sleeper;
        this.nanoClock = nanoClock;
        this.nextFreeNanos = nanoClock.getAsLong();
    }

    public static RecordRateLimiter unlimited() {
        return new RecordRateLimiter(Double.POSITIVE_INFINITY, Sleeper.THREAD, () -> 0L);
    }

    public static RecordRateLimiter perSecond(double recordsPerSecond) {
        return perSecond(recordsPerSecond, Sleeper.THREAD, System::nanoTime);
    }

    /** The same limit on a clock (nanoseconds) and sleeper of the caller's; for tests. */
    public static RecordRateLimiter perSecond(double recordsPerSecond, Sleeper sleeper, LongSupplier nanoClock) {
        if (!(recordsPerSecond > 0) || Double.isInfinite(recordsPerSecond)) {
            throw new IllegalArgumentException("records per second must be a positive number, got " + recordsPerSecond);
        }
        return new RecordRateLimiter(recordsPerSecond, sleeper, nanoClock);
    }

    public boolean limited() {
        return !Double.isInfinite(recordsPerSecond);
    }

    public double recordsPerSecond() {
        return recordsPerSecond;
    }

    /** Waits until {@code records} more may be sent without exceeding the rate, then counts them as sent. */
    public synchronized void acquire(int records) throws InterruptedException {
        if (!limited()) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (nextFreeNanos > now) {
            sleeper.sleep(Duration.ofNanos(nextFreeNanos - now));
        }
        nextFreeNanos = Math.max(now, nextFreeNanos) + (long) (records * NANOS_PER_SECOND / recordsPerSecond);
    }
}
