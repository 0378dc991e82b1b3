package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.EmbeddedMetrics;
import io.kinesishydrator.common.Retrier;
import io.kinesishydrator.consumer.idempotency.IdempotencyGuard;
import io.kinesishydrator.consumer.idempotency.IdempotencyKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a batch of any stream's records through a {@link StreamRecordProcessor} with stream checkpoint semantics;
 * Kinesis and DynamoDB Streams checkpoint alike, and {@link StreamSource} is all that differs.
 *
 * <p>Lambda checkpoints a shard at the lowest sequence number reported in {@code batchItemFailures} and
 * re-delivers everything from there. So the batch is processed in order and stops at the first record that
 * fails, whose sequence number becomes the only reported item: records after it will come again, and
 * processing them now would only repeat work and break shard order.
 *
 * <p>A record failure never escapes as an exception, which would fail and re-deliver the whole batch.
 *
 * <p>The stream handlers ({@link KinesisConsumerHandler}, {@link DynamoDbStreamConsumerHandler}) run one; build
 * your own for code that already holds the event's records:
 * <pre>{@code
 * StreamBatchProcessor<KinesisEventRecord> batch = StreamBatchProcessor.kinesis(new MyProcessor()).maxAttempts(5).build();
 * StreamsEventResponse response = batch.process(event.getRecords(), Deadline.of(context, Duration.ofSeconds(3)));
 * }</pre>
 */
public final class StreamBatchProcessor<R> {
    static final String METRICS_NAMESPACE = "KinesisHydrator";

    private final StreamSource<R> source;
    private final StreamRecordProcessor<? super R> processor;
    private final FailureClassifier classifier;
    private final Retrier retrier;
    private final BatchLog<R> log;
    private final EmbeddedMetrics metrics;
    private final String functionName;
    private final IdempotencyGuard guard;
    private final IdempotencyKey<? super R> key;

    StreamBatchProcessor(BatchProcessorBuilder<R> settings) {
        this.source = settings.source;
        this.processor = settings.processor;
        this.classifier = new FailureClassifier(settings.transientTypes);
        this.retrier = new Retrier(settings.maxAttempts, settings.backoff, settings.sleeper);
        this.log = new BatchLog<>(source, settings.log, settings.logPayloads);
        this.metrics = settings.metrics;
        this.functionName = settings.functionName;
        this.guard = settings.guard;
        this.key = settings.key == null ? source::idempotencyKey : settings.key;
    }

    /** A builder for Kinesis records, each handed to {@code processor}. */
    public static BatchProcessorBuilder<KinesisEventRecord> kinesis(RecordProcessor processor) {
        return new BatchProcessorBuilder<>(KinesisSource.INSTANCE, processor);
    }

    /** A builder for DynamoDB stream records, each handed to {@code processor}. */
    public static BatchProcessorBuilder<DynamodbStreamRecord> dynamoDb(DynamoDbRecordProcessor processor) {
        return new BatchProcessorBuilder<>(DynamoDbStreamSource.INSTANCE, processor);
    }

    StreamSource<R> source() {
        return source;
    }

    /** Processes {@code records} in order; the response names the first failed record, or nothing. */
    public StreamsEventResponse process(List<R> records, Deadline deadline) {
        long started = System.nanoTime();
        List<R> batch = records == null ? List.of() : records;
        List<String> sequenceNumbers = sequenceNumbersOf(batch);
        BatchOutcome outcome = new BatchOutcome();
        for (int index = 0; index < batch.size(); index++) {
            R record = batch.get(index);
            // The first record always gets its chance, so a batch cannot stall on a margin set above the timeout.
            if (index > 0 && deadline.expired()) {
                log.outOfTime(record, batch.size() - index);
                return outcome.failedAt(index, sequenceNumbers.get(index), batch, started);
            }
            RecordFailure failure = guard == null ? processOne(record, deadline, outcome)
                    : processOnce(record, deadline, outcome);
            if (failure != null) {
                log.failure(record, failure.cause(), failure.isTransient(), failure.attempts(), batch.size() - index);
                outcome.failed++;
                return outcome.failedAt(index, sequenceNumbers.get(index), batch, started);
            }
        }
        return outcome.succeeded(batch, started);
    }

    /**
     * The first attempt is a plain call: the retry machinery (an attempt, a predicate, a listener) is built only
     * for a record that failed, so the per-record cost of a batch that succeeds stays that of a loop.
     */
    private RecordFailure processOne(R record, Deadline deadline, BatchOutcome outcome) {
        try {
            processor.process(record);
            outcome.processed++;
            return null;
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Exception failure) {
            return retry(record, failure, deadline, outcome);
        } catch (Throwable failure) {
            return new RecordFailure(failure, classifier.isTransient(failure), 1);
        }
    }

    private RecordFailure retry(R record, Exception firstFailure, Deadline deadline, BatchOutcome outcome) {
        int[] retries = {0};
        try {
            retrier.retryAfter(firstFailure, () -> {
                processor.process(record);
                return null;
            }, classifier::isTransient, deadline, (retry, cause, delay) -> retries[0] = retry);
            outcome.processed++;
            return null;
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable failure) {
            return new RecordFailure(failure, classifier.isTransient(failure), retries[0] + 1);
        } finally {
            outcome.transientRetries += retries[0];
        }
    }

    /** {@link #processOne} behind the idempotency guard: a record already completed counts as done, unprocessed. */
    private RecordFailure processOnce(R record, Deadline deadline, BatchOutcome outcome) {
        int[] retries = {0};
        try {
            // A key function that throws fails the record, like the processor would; it is not retried.
            String recordKey = key.of(record);
            IdempotencyGuard.Claim claim = retrier.call(() -> claimAndProcess(record, recordKey),
                    classifier::isTransient, deadline, (retry, cause, delay) -> retries[0] = retry);
            if (claim.completedBefore()) {
                outcome.skippedDuplicates++;
            } else {
                outcome.processed++;
                complete(record, claim, deadline);
            }
            return null;
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable failure) {
            return new RecordFailure(failure, classifier.isTransient(failure), retries[0] + 1);
        } finally {
            outcome.transientRetries += retries[0];
        }
    }

    private IdempotencyGuard.Claim claimAndProcess(R record, String recordKey) throws Exception {
        IdempotencyGuard.Claim claim = guard.claim(recordKey);
        if (claim.completedBefore()) {
            return claim;
        }
        try {
            processor.process(record);
        } catch (Throwable failure) {
            guard.releaseAfter(claim, failure);
            throw failure;
        }
        return claim;
    }

    /**
     * The record is processed whatever happens here. Reporting it failed when its completion cannot be recorded
     * would only bring the duplicate sooner: a redelivery would wait out the lease and process it again.
     */
    private void complete(R record, IdempotencyGuard.Claim claim, Deadline deadline) {
        try {
            retrier.call(() -> {
                guard.complete(claim);
                return null;
            }, classifier::isTransient, deadline);
        } catch (Exception notRecorded) {
            log.completionNotRecorded(record, claim.key(), notRecorded);
        }
    }

    /** The counts of one batch, written as metrics when it ends. */
    private final class BatchOutcome {
        int processed;
        int failed;
        int transientRetries;
        int skippedDuplicates;

        /** Lambda delivers again from record {@code index}, so every record before it must have been done. */
        StreamsEventResponse failedAt(int index, String sequenceNumber, List<R> batch, long started) {
            requireDone(index, batch.size());
            List<BatchItemFailure> failures = new ArrayList<>(1);
            failures.add(new BatchItemFailure(sequenceNumber));
            return emitted(new StreamsEventResponse(failures), batch, started);
        }

        StreamsEventResponse succeeded(List<R> batch, long started) {
            requireDone(batch.size(), batch.size());
            return emitted(new StreamsEventResponse(new ArrayList<>()), batch, started);
        }

        /**
         * The response answers for every record of the batch: those it does not name must have been handed to the
         * processor (or found done before). A count that falls short is a bug here, and failing the invocation
         * makes Lambda deliver the batch again instead of checkpointing past records nobody processed.
         */
        private void requireDone(int expected, int batchSize) {
            if (processed + skippedDuplicates != expected) {
                throw new IllegalStateException("the response would answer for " + expected + " of " + batchSize
                        + " records done, but " + (processed + skippedDuplicates) + " were handed to the processor");
            }
        }

        private StreamsEventResponse emitted(StreamsEventResponse response, List<R> batch, long started) {
            EmbeddedMetrics.Line line = metrics.line()
                    .dimension("FunctionName", functionName)
                    .dimension("StreamName", batch.isEmpty() ? "unknown" : source.streamName(batch.get(0)))
                    .count("RecordsProcessed", processed)
                    .count("RecordsFailed", failed)
                    .count("TransientRetries", transientRetries);
            if (guard != null) {
                line.count("RecordsSkippedDuplicate", skippedDuplicates);
            }
            line.milliseconds("BatchDurationMs", (System.nanoTime() - started) / 1_000_000).emit();
            return response;
        }
    }

    private record RecordFailure(Throwable cause, boolean isTransient, int attempts) {
    }

    private List<String> sequenceNumbersOf(List<R> batch) {
        List<String> sequenceNumbers = new ArrayList<>(batch.size());
        for (int index = 0; index < batch.size(); index++) {
            R record = batch.get(index);
            String sequenceNumber = record == null ? null : source.sequenceNumber(record);
            if (sequenceNumber == null || sequenceNumber.isBlank()) {
                // Without a sequence number no failure can be reported for this record; fail the whole batch
                // before doing any work, so Lambda retries (and bisects) it.
                throw new IllegalArgumentException(source.missingSequenceNumber(index));
            }
            sequenceNumbers.add(sequenceNumber);
        }
        return sequenceNumbers;
    }
}
