package io.kinesishydrator.consumer.idempotency;

import io.kinesishydrator.consumer.TransientRecordException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Processes each record at most once per key while the store remembers it: a record is claimed before it is
 * processed, marked completed after, and released when it fails so that a retry processes it.
 *
 * <p>A claim is a lease: a function that dies between claiming and completing leaves the key in progress only
 * until the lease runs out, then a redelivery takes it over and processes the record again. So the lease must
 * be at least the function's timeout, or a slow invocation could see its record processed a second time in
 * parallel; and at-least-once remains for a function that dies after processing and before completing.
 */
public final class IdempotencyGuard {
    private final IdempotencyStore store;
    private final Duration timeToLive;
    private final Duration lease;
    private final Clock clock;

    public IdempotencyGuard(IdempotencyStore store, Duration timeToLive, Duration lease, Clock clock) {
        if (timeToLive.compareTo(lease) < 0) {
            throw new IllegalArgumentException("the idempotency TTL (" + timeToLive.toSeconds()
                    + " s) must be at least the lease (" + lease.toSeconds() + " s), or a claim could vanish while held");
        }
        this.store = Objects.requireNonNull(store, "store");
        this.timeToLive = timeToLive;
        this.lease = lease;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A claim on one record's key: either held now, to complete or release, or found completed before. */
    public record Claim(String key, String owner, boolean completedBefore) {
    }

    /**
     * Claims the key for this invocation, or finds it completed. A key another invocation holds is a transient
     * failure: the holder may still finish, or its lease runs out and a retry takes it over.
     */
    public Claim claim(String key) throws TransientRecordException {
        Instant now = clock.instant();
        String owner = UUID.randomUUID().toString();
        return switch (store.claim(key, owner, now, now.plus(lease), now.plus(timeToLive))) {
            case CLAIMED -> new Claim(key, owner, false);
            case COMPLETED -> new Claim(key, null, true);
            case IN_PROGRESS -> throw new TransientRecordException(
                    "idempotency key " + key + " is being processed by another invocation, whose lease has not run out");
        };
    }

    /** Records the claimed key as processed for the TTL; a lease taken over meanwhile leaves that to its new holder. */
    public void complete(Claim claim) throws TransientRecordException {
        store.complete(claim.key(), claim.owner(), clock.instant().plus(timeToLive));
    }

    /**
     * Releases the claim after {@code failure}, so a retry processes the record; a failure to release is added to
     * it as suppressed and leaves the key to the lease's end.
     */
    public void releaseAfter(Claim claim, Throwable failure) {
        try {
            store.release(claim.key(), claim.owner());
        } catch (TransientRecordException | RuntimeException releaseFailed) {
            failure.addSuppressed(releaseFailed);
        }
    }
}
