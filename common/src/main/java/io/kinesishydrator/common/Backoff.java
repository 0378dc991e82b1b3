package io.kinesishydrator.common;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: before retry {@code n} wait a uniformly random time in
 * {@code [0, min(cap, base * 2^(n-1))]}.
 *
 * <p>Full jitter spreads retries of many concurrent callers (every shard of a stream, say) instead of
 * letting them retry in lockstep against a throttled API; see "Exponential Backoff And Jitter" on the
 * AWS Architecture Blog.
 */
public final class Backoff {
    private final Duration base;
    private final Duration cap;
    private final DoubleSupplier random;

    private Backoff(Duration base, Duration cap, DoubleSupplier random) {
        if (base.isNegative() || cap.isNegative()) {
            throw new IllegalArgumentException("backoff delays must not be negative: base=" + base + ", cap=" + cap);
        }
        this.base = base;
        this.cap = cap;
        this.random = Objects.requireNonNull(random, "random");
    }

    public static Backoff fullJitter(Duration base, Duration cap) {
        return new Backoff(base, cap, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The same backoff drawing its jitter from {@code random} (values in {@code [0, 1)}); for tests. */
    public Backoff withRandom(DoubleSupplier random) {
        return new Backoff(base, cap, random);
    }

    /** The largest delay retry {@code retry} (1 for the first retry) may wait. */
    public Duration ceiling(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1, got " + retry);
        }
        // A double cannot overflow here: past 2^1023 it becomes infinity, and min() then picks the cap.
        double exponential = base.toMillis() * Math.pow(2, retry - 1);
        return Duration.ofMillis((long) Math.min(cap.toMillis(), exponential));
    }

    /** A random delay in {@code [0, ceiling(retry)]}. */
    public Duration delay(int retry) {
        long ceiling = ceiling(retry).toMillis();
        return Duration.ofMillis((long) (random.getAsDouble() * (ceiling + 1)));
    }

    @Override
    public String toString() {
        return "Backoff[fullJitter, base=" + base + ", cap=" + cap + "]";
    }
}
