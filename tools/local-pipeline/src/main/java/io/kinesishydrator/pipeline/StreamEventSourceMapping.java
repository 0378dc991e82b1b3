package io.kinesishydrator.pipeline;

import io.kinesishydrator.common.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Plays a Lambda event source mapping for a stream ({@link StreamShards}: a Kinesis stream or a DynamoDB table's
 * stream), by AWS's documented rules, which are the same for both:
 *
 * <ul>
 *   <li>each shard is read in order from its checkpoint; a batch holds up to {@code BatchSize} records, and
 *       waits up to {@code MaximumBatchingWindowInSeconds} to fill (and stays under Lambda's 6 MB payload);</li>
 *   <li>with {@code ReportBatchItemFailures}, a response naming failed items checkpoints before the lowest of
 *       them, and the records from there on are retried as a new batch, its retries counted from zero (when the
 *       lowest is the batch's first record, nothing moves, and that is a retry); {@link BatchItemFailures} says
 *       which responses are success and which fail the whole batch;</li>
 *   <li>a function error with {@code BisectBatchOnFunctionError} splits the batch in two and retries the halves
 *       in order, which does not use up retries; without it the whole batch is retried;</li>
 *   <li>after {@code MaximumRetryAttempts} retries, or once records are older than
 *       {@code MaximumRecordAgeInSeconds}, an OnFailure record covering the records being retried goes to the
 *       destination ({@code RetryAttemptsExhausted}, or {@code RecordAgeExceeded} without a response context)
 *       and the checkpoint moves past them.</li>
 * </ul>
 * Shards take turns, one batch each, in this thread; a shard's batches never overlap ({@code ParallelizationFactor}
 * spreads partition keys over concurrent batches on AWS, which changes timing, not these rules).
 */
final class StreamEventSourceMapping {
    private static final long MAX_PAYLOAD_BYTES = 6L * 1024 * 1024;
    // Infinite retries without a record age limit block a shard on AWS until retention drops the record;
    // locally the runner gives up on the shard after this many.
    private static final int MAX_UNBOUNDED_RETRIES = 1_000;
    private static final Duration IDLE_PAUSE = Duration.ofMillis(100);

    private final StreamShards shards;
    private final String streamArn;
    private final String region;
    private final EventSourceMappingSettings settings;
    private final LambdaInvoker function;
    private final String functionArn;
    private final Consumer<DiscardedBatch> onFailureDestination;
    private final EventSourceMappingObserver observer;
    private final Clock clock;
    private final List<ShardCursor> cursors = new ArrayList<>();

    StreamEventSourceMapping(StreamShards shards, String region, EventSourceMappingSettings settings,
                             LambdaInvoker function, String functionArn,
                             Consumer<DiscardedBatch> onFailureDestination, EventSourceMappingObserver observer, Clock clock) {
        this.shards = shards;
        this.streamArn = shards.streamArn();
        this.region = region;
        this.settings = settings;
        this.function = function;
        this.functionArn = functionArn;
        this.onFailureDestination = onFailureDestination;
        this.observer = observer;
        this.clock = clock;
    }

    /** Takes a position in every shard ({@code StartingPosition}); records written after this are delivered. */
    void start() {
        for (String shardId : shards.shardIds()) {
            cursors.add(new ShardCursor(shardId, shards.iterator(shardId, settings.startingPosition())));
        }
    }

    /**
     * Delivers batches until {@code producing} is over and every shard is drained.
     *
     * @throws ShardBlockedException when a batch can never leave its shard (infinite retries, no age limit)
     * @throws FlowTimedOutException when {@code deadline} passes first
     */
    void runUntilDrained(BooleanSupplier producing, Deadline deadline) {
        while (true) {
            boolean delivered = false;
            for (ShardCursor cursor : cursors) {
                List<StreamRecord> batch = nextBatch(cursor, deadline);
                if (!batch.isEmpty()) {
                    deliver(cursor, batch);
                    delivered = true;
                }
            }
            if (!delivered && !producing.getAsBoolean() && cursors.stream().allMatch(ShardCursor::drained)) {
                return;
            }
            if (deadline.expired()) {
                throw new FlowTimedOutException("the event source mapping did not drain the stream in time");
            }
            if (!delivered) {
                pause(IDLE_PAUSE);
            }
        }
    }

    private List<StreamRecord> nextBatch(ShardCursor cursor, Deadline deadline) {
        cursor.fill(settings.batchSize());
        if (cursor.buffer.isEmpty()) {
            return List.of();
        }
        Instant windowEnd = clock.instant().plus(settings.maximumBatchingWindow());
        while (cursor.buffer.size() < settings.batchSize() && clock.instant().isBefore(windowEnd) && !deadline.expired()) {
            pause(IDLE_PAUSE);
            cursor.fill(settings.batchSize());
        }
        List<StreamRecord> batch = new ArrayList<>();
        long payload = 0;
        for (StreamRecord record : cursor.buffer) {
            long size = record.eventBytes();
            if (batch.size() == settings.batchSize() || (!batch.isEmpty() && payload + size > MAX_PAYLOAD_BYTES)) {
                break;
            }
            batch.add(record);
            payload += size;
        }
        return batch;
    }

    /** Sends {@code batch} until every record in it is checkpointed or discarded. */
    private void deliver(ShardCursor cursor, List<StreamRecord> batch) {
        Deque<Attempt> attempts = new ArrayDeque<>();
        attempts.push(new Attempt(batch, 0, 0));
        while (!attempts.isEmpty()) {
            Attempt attempt = discardExpired(cursor, attempts.pop());
            if (attempt == null) {
                continue;
            }
            observer.invoked(cursor.shardId, attempt.records());
            LambdaInvoker.Result result = function.invoke(
                    StreamEventJson.of(attempt.records(), cursor.shardId, streamArn, region));
            observer.returned(cursor.shardId, attempt.records(), result);
            Attempt next = result.failed() ? afterFunctionError(cursor, attempt.invoked(), attempts)
                    : afterResponse(cursor, attempt.invoked(), result.response());
            if (next != null) {
                attempts.push(next);
            }
        }
    }

    /** Records past {@code MaximumRecordAgeInSeconds} are discarded before the function sees them again. */
    private Attempt discardExpired(ShardCursor cursor, Attempt attempt) {
        if (settings.maximumRecordAge() == null) {
            return attempt;
        }
        Instant oldestAllowed = clock.instant().minus(settings.maximumRecordAge());
        int expired = 0;
        while (expired < attempt.records().size()
                && attempt.records().get(expired).approximateArrival().isBefore(oldestAllowed)) {
            expired++;
        }
        if (expired == 0) {
            return attempt;
        }
        // The count names the attempt the age cut short: 1 for records never sent, as in LocalStack's snapshots
        // recorded against AWS (test_kinesis_maximum_record_age_exceeded[expire-before-ingestion]).
        discard(cursor, attempt.records().subList(0, expired), OnFailureRecordJson.RECORD_AGE_EXCEEDED,
                attempt.invocations() + 1, null);
        List<StreamRecord> rest = attempt.records().subList(expired, attempt.records().size());
        return rest.isEmpty() ? null : new Attempt(rest, attempt.retries(), attempt.invocations());
    }

    private Attempt afterFunctionError(ShardCursor cursor, Attempt attempt, Deque<Attempt> attempts) {
        List<StreamRecord> records = attempt.records();
        if (settings.bisectBatchOnFunctionError() && records.size() > 1) {
            // AWS documents that bisecting uses no retries; which half is the larger, and that the halves keep
            // the batch's retry count, no public evidence shows either way.
            int middle = records.size() / 2;
            Attempt first = new Attempt(records.subList(0, middle), attempt.retries(), attempt.invocations());
            Attempt second = new Attempt(records.subList(middle, records.size()), attempt.retries(), attempt.invocations());
            observer.bisected(cursor.shardId, first.records(), second.records());
            attempts.push(second);
            return first;
        }
        return retryOrDiscard(cursor, attempt, records, "Unhandled");
    }

    private Attempt afterResponse(ShardCursor cursor, Attempt attempt, String response) {
        List<StreamRecord> records = attempt.records();
        if (!settings.reportBatchItemFailures()) {
            checkpoint(cursor, records);
            return null;
        }
        List<String> reported;
        try {
            reported = BatchItemFailures.identifiers(response);
        } catch (IllegalArgumentException invalid) {
            // An invalid response fails the whole batch (not a function error, so no bisecting).
            return retryOrDiscard(cursor, attempt, records, null);
        }
        if (reported.isEmpty()) {
            checkpoint(cursor, records);
            return null;
        }
        int firstFailed = firstReported(records, reported);
        // An identifier not in the batch fails it whole; a failure at its first record moves nothing: a retry either way.
        if (firstFailed <= 0) {
            return retryOrDiscard(cursor, attempt, records, null);
        }
        // A checkpoint that moves ends the batch: the records from the first reported one on are a new batch, with
        // retries of its own. Recorded against AWS in LocalStack's snapshots (test_lambda_integration_kinesis and
        // _dynamodbstreams .snapshot.json, test_*_report_batch_item_failures): with MaximumRetryAttempts 3, the
        // record reported in a batch of three reached the function five times, and its OnFailure record says
        // approximateInvokeCount 4 and batchSize 1.
        checkpoint(cursor, records.subList(0, firstFailed));
        List<StreamRecord> rest = records.subList(firstFailed, records.size());
        observer.retrying(cursor.shardId, rest);
        return new Attempt(rest, 0, 0);
    }

    private Attempt retryOrDiscard(ShardCursor cursor, Attempt attempt, List<StreamRecord> failed, String functionError) {
        int retries = attempt.retries() + 1;
        int maximum = settings.maximumRetryAttempts();
        if (maximum >= 0 && retries > maximum) {
            discard(cursor, failed, OnFailureRecordJson.RETRY_ATTEMPTS_EXHAUSTED, attempt.invocations(), functionError);
            return null;
        }
        if (maximum < 0 && settings.maximumRecordAge() == null && retries > MAX_UNBOUNDED_RETRIES) {
            throw new ShardBlockedException(cursor.shardId, failed.get(0).sequenceNumber(), attempt.invocations());
        }
        observer.retrying(cursor.shardId, failed);
        return new Attempt(failed, retries, attempt.invocations());
    }

    private void checkpoint(ShardCursor cursor, List<StreamRecord> records) {
        if (!records.isEmpty()) {
            cursor.acknowledge(records);
            observer.checkpointed(cursor.shardId, records);
        }
    }

    private void discard(ShardCursor cursor, List<StreamRecord> records, String condition, int invocations, String functionError) {
        String onFailure = OnFailureRecordJson.of(shards.source(), condition, records, invocations, functionError, cursor.shardId,
                streamArn, functionArn, clock.instant());
        // Without an OnFailure destination AWS drops the records with no trace; so does this.
        if (settings.onFailureDestination()) {
            onFailureDestination.accept(new DiscardedBatch(onFailure, cursor.shardId,
                    StreamEventJson.of(records, cursor.shardId, streamArn, region)));
        }
        cursor.acknowledge(records);
        observer.discarded(cursor.shardId, records, condition, onFailure);
    }

    /** The index of the first record reported, or -1 when an identifier is not in the batch. */
    private static int firstReported(List<StreamRecord> records, List<String> reported) {
        Set<String> remaining = new HashSet<>(reported);
        int first = -1;
        for (int i = 0; i < records.size(); i++) {
            if (remaining.remove(records.get(i).sequenceNumber()) && first < 0) {
                first = i;
            }
        }
        return remaining.isEmpty() ? first : -1;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
    }

    /** Records being sent, with the retries they used and the invocations they saw. */
    private record Attempt(List<StreamRecord> records, int retries, int invocations) {
        Attempt invoked() {
            return new Attempt(records, retries, invocations + 1);
        }
    }

    /** A shard's read position and the records read but not yet checkpointed, in order. */
    private final class ShardCursor {
        private final String shardId;
        private final Deque<StreamRecord> buffer = new ArrayDeque<>();
        private String iterator;
        private boolean caughtUp;

        ShardCursor(String shardId, String iterator) {
            this.shardId = shardId;
            this.iterator = iterator;
        }

        void fill(int wanted) {
            while (iterator != null && buffer.size() < wanted) {
                StreamShards.ShardPage page = shards.read(iterator, Math.max(wanted - buffer.size(), 1));
                buffer.addAll(page.records());
                iterator = page.nextIterator();
                caughtUp = page.caughtUp();
                if (page.records().isEmpty()) {
                    return;
                }
            }
        }

        boolean drained() {
            return buffer.isEmpty() && (iterator == null || caughtUp);
        }

        void acknowledge(List<StreamRecord> records) {
            for (StreamRecord record : records) {
                StreamRecord head = buffer.poll();
                if (head == null || !head.sequenceNumber().equals(record.sequenceNumber())) {
                    throw new IllegalStateException("checkpoint out of order on " + shardId + " at " + record.sequenceNumber());
                }
            }
        }
    }
}
