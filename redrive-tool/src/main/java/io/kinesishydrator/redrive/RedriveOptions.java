package io.kinesishydrator.redrive;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * How a redrive runs.
 *
 * @param toStream          the stream to put every record into (name or ARN), or null for each message's own stream
 * @param shards            only messages of these shards ({@code KinesisBatchInfo.shardId}); empty for all
 * @param conditions        only messages with these {@code requestContext.condition}s; empty for all
 * @param maxRedrives       a record already redriven this many times is not redriven again
 * @param maxMessages       the most messages one run reads (they are held in memory)
 * @param visibilityTimeout how long messages stay invisible to other readers while the run holds them
 */
record RedriveOptions(String toStream, boolean dryRun, Set<String> shards, Set<String> conditions, MarkMode mark,
                             int maxRedrives, int maxMessages, Duration visibilityTimeout) {
    /** SQS' own bound on a visibility timeout. */
    static final Duration MAX_VISIBILITY_TIMEOUT = Duration.ofHours(12);

    RedriveOptions {
        shards = Set.copyOf(shards);
        conditions = Set.copyOf(conditions);
        Objects.requireNonNull(mark, "mark");
    }

    static Builder builder() {
        return new Builder();
    }

    /** Whether the filters let {@code letter} through. */
    boolean selects(DeadLetter letter) {
        return (shards.isEmpty() || shards.contains(letter.shardId()))
                && (conditions.isEmpty() || conditions.contains(letter.condition()));
    }

    static final class Builder {
        private String toStream;
        private boolean dryRun;
        private Set<String> shards = Set.of();
        private Set<String> conditions = Set.of();
        private MarkMode mark = MarkMode.PARTITION_KEY;
        private int maxRedrives = 3;
        private int maxMessages = 1000;
        private Duration visibilityTimeout = Duration.ofMinutes(15);

        private Builder() {
        }

        Builder toStream(String toStream) {
            this.toStream = toStream;
            return this;
        }

        Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        Builder shards(Collection<String> shards) {
            this.shards = Set.copyOf(shards);
            return this;
        }

        Builder conditions(Collection<String> conditions) {
            this.conditions = Set.copyOf(conditions);
            return this;
        }

        Builder mark(MarkMode mark) {
            this.mark = Objects.requireNonNull(mark, "mark");
            return this;
        }

        Builder maxRedrives(int maxRedrives) {
            if (maxRedrives < 0) {
                throw new IllegalArgumentException("--max-redrives must be at least 0, got " + maxRedrives);
            }
            this.maxRedrives = maxRedrives;
            return this;
        }

        Builder maxMessages(int maxMessages) {
            if (maxMessages < 1) {
                throw new IllegalArgumentException("--max-messages must be at least 1, got " + maxMessages);
            }
            this.maxMessages = maxMessages;
            return this;
        }

        Builder visibilityTimeout(Duration visibilityTimeout) {
            if (visibilityTimeout.toSeconds() < 1 || visibilityTimeout.compareTo(MAX_VISIBILITY_TIMEOUT) > 0) {
                throw new IllegalArgumentException("--visibility-timeout must be from 1 to "
                        + MAX_VISIBILITY_TIMEOUT.toSeconds() + " seconds, got " + visibilityTimeout.toSeconds());
            }
            this.visibilityTimeout = visibilityTimeout;
            return this;
        }

        RedriveOptions build() {
            return new RedriveOptions(toStream, dryRun, shards, conditions, mark, maxRedrives, maxMessages, visibilityTimeout);
        }
    }
}
