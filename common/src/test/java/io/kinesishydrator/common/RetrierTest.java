package io.kinesishydrator.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetrierTest {
    private final List<Duration> sleeps = new ArrayList<>();
    private final Backoff backoff = Backoff.fullJitter(Duration.ofMillis(100), Duration.ofSeconds(1)).withRandom(() -> 0.5);

    @Test
    void retriesRetryableFailuresUntilSuccess() throws Exception {
        int[] calls = {0};
        String result = new Retrier(5, backoff, sleeps::add).call(() -> {
            if (++calls[0] < 3) {
                throw new IllegalStateException("busy");
            }
            return "done";
        }, e -> true, Deadline.none());

        assertThat(result).isEqualTo("done");
        assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void goesOnFromAFirstAttemptTheCallerMadeItself() throws Exception {
        List<Integer> retries = new ArrayList<>();
        int[] calls = {0};
        String result = new Retrier(3, backoff, sleeps::add).retryAfter(new IllegalStateException("first"), () -> {
            if (++calls[0] < 2) {
                throw new IllegalStateException("second");
            }
            return "third";
        }, e -> true, Deadline.none(), (retry, failure, delay) -> retries.add(retry));

        assertThat(result).isEqualTo("third");
        assertThat(calls[0]).isEqualTo(2);
        assertThat(retries).containsExactly(1, 2);
        assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
    }

    @Test
    void countsTheCallersFirstAttemptTowardTheLimit() {
        int[] calls = {0};
        assertThatThrownBy(() -> new Retrier(2, backoff, sleeps::add).retryAfter(new IllegalStateException("first"), () -> {
            throw new IllegalStateException("attempt " + (2 + calls[0]++));
        }, e -> true, Deadline.none(), Retrier.RetryListener.NONE)).hasMessage("attempt 2");
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void rethrowsTheLastFailureUnchangedWhenAttemptsRunOut() {
        int[] calls = {0};
        assertThatThrownBy(() -> new Retrier(3, backoff, sleeps::add).call(() -> {
            throw new IllegalStateException("attempt " + ++calls[0]);
        }, e -> true, Deadline.none())).isInstanceOf(IllegalStateException.class).hasMessage("attempt 3");
    }

    @Test
    void doesNotRetryWhatThePredicateRejects() {
        int[] calls = {0};
        assertThatThrownBy(() -> new Retrier(3, backoff, sleeps::add).call(() -> {
            calls[0]++;
            throw new IllegalArgumentException("bad input");
        }, e -> e instanceof IllegalStateException, Deadline.none())).isInstanceOf(IllegalArgumentException.class);
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void neverWaitsPastTheDeadline() {
        AtomicLong clock = new AtomicLong();
        int[] calls = {0};
        Retrier retrier = new Retrier(100, backoff, wait -> clock.addAndGet(wait.toMillis()));

        assertThatThrownBy(() -> retrier.call(() -> {
            calls[0]++;
            throw new IllegalStateException("busy");
        }, e -> true, Deadline.after(Duration.ofMillis(400), clock::get))).isInstanceOf(IllegalStateException.class);
        // waits of 50, 100, 200 ms fit in 400 ms; the fourth (400 ms) would not
        assertThat(calls[0]).isEqualTo(4);
        assertThat(clock.get()).isEqualTo(350);
    }

    @Test
    void anInterruptedWaitGivesUpWithTheRealFailureAndKeepsTheInterrupt() {
        Retrier retrier = new Retrier(5, backoff, wait -> {
            throw new InterruptedException();
        });
        try {
            assertThatThrownBy(() -> retrier.call(() -> {
                throw new IllegalStateException("busy");
            }, e -> true, Deadline.none())).isInstanceOf(IllegalStateException.class).hasMessage("busy");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
