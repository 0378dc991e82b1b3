package io.kinesishydrator.consumer.idempotency;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdempotencyGuardTest {

    @Test
    void aTtlShorterThanTheLeaseIsRefused() {
        // Refused before the store is used, so no store is needed to see it.
        assertThatThrownBy(() -> new IdempotencyGuard(null, Duration.ofSeconds(600), Duration.ofSeconds(900), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the idempotency TTL (600 s) must be at least the lease (900 s), or a claim could vanish while held");
    }
}
