package io.kinesishydrator.consumer.idempotency;

import io.kinesishydrator.consumer.TransientRecordException;
import java.time.Instant;

/**
 * Where {@link IdempotencyGuard} remembers which records were processed. Every write must be conditional and
 * atomic, since two invocations may race for one key (a redelivery while a crashed invocation's lease runs).
 *
 * <p>A failure that may pass (throttling, a server error, a timeout) is a {@link TransientRecordException}, so the
 * record is retried in-process like any transient failure; anything else fails the record.
 */
public interface IdempotencyStore {
    /** What a claim found. */
    enum ClaimResult {
        /** The key was free, or its holder's lease had run out: {@code owner} holds it now. */
        CLAIMED,
        /** The record was processed before. */
        COMPLETED,
        /** Another owner holds an unexpired lease on it. */
        IN_PROGRESS
    }

    /**
     * Claims {@code key} for {@code owner} until {@code leaseExpiry}, if nobody has, or the holder's lease ended
     * before {@code now}. The claim carries {@code expiresAt} too, so a claim never completed is deleted by TTL.
     */
    ClaimResult claim(String key, String owner, Instant now, Instant leaseExpiry, Instant expiresAt)
            throws TransientRecordException;

    /** Records {@code key} as processed until {@code expiresAt}; false when {@code owner} no longer holds it. */
    boolean complete(String key, String owner, Instant expiresAt) throws TransientRecordException;

    /** Gives up {@code owner}'s claim so a retry can process the record; false when it no longer holds it. */
    boolean release(String key, String owner) throws TransientRecordException;
}
