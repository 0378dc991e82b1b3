package io.kinesishydrator.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = Backoff.fullJitter(Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    void theCeilingDoublesPerRetryUpToTheCap() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofMillis(1600));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void fullJitterSpansZeroToTheCeiling() {
        assertThat(backoff.withRandom(() -> 0.0).delay(3)).isEqualTo(Duration.ZERO);
        assertThat(backoff.withRandom(() -> 0.999_999).delay(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.withRandom(() -> 0.5).delay(3)).isEqualTo(Duration.ofMillis(200));
    }

    @RepeatedTest(20)
    void realJitterStaysWithinTheCeiling() {
        assertThat(backoff.delay(4)).isBetween(Duration.ZERO, Duration.ofMillis(800));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> backoff.ceiling(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.fullJitter(Duration.ofMillis(-1), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
