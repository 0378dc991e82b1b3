package io.kinesishydrator.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecordRateLimiterTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final List<Duration> waits = new ArrayList<>();

    private RecordRateLimiter perSecond(double rate) {
        return RecordRateLimiter.perSecond(rate, wait -> {
            waits.add(wait);
            clock.addAndGet(wait.toNanos());
        }, clock::get);
    }

    @Test
    void spreadsRecordsAtTheRate() throws InterruptedException {
        RecordRateLimiter limiter = perSecond(100);

        for (int i = 0; i < 10; i++) {
            limiter.acquire(100);
        }

        assertThat(waits).hasSize(9).allSatisfy(wait -> assertThat(wait).isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void timeAlreadyPassedIsNotWaitedAgain() throws InterruptedException {
        RecordRateLimiter limiter = perSecond(10);

        limiter.acquire(10);
        clock.addAndGet(Duration.ofMillis(600).toNanos());
        limiter.acquire(5);

        assertThat(waits).containsExactly(Duration.ofMillis(400));
    }

    @Test
    void unlimitedNeverWaits() throws InterruptedException {
        RecordRateLimiter limiter = RecordRateLimiter.unlimited();

        limiter.acquire(1_000_000);

        assertThat(limiter.limited()).isFalse();
    }

    @Test
    void aRateMustBePositive() {
        assertThatThrownBy(() -> perSecond(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> perSecond(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
