package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import io.kinesishydrator.common.Backoff;
import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.Retrier;
import io.kinesishydrator.common.Sleeper;
import io.kinesishydrator.common.StructuredLogger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a batch through a {@link RecordProcessor} with Kinesis checkpoint semantics.
 *
 * <p>Lambda checkpoints a shard at the lowest sequence number reported in {@code batchItemFailures} and
 * re-delivers everything from there. So the batch is processed in order and stops at the first record that
 * fails, whose sequence number becomes the only reported item: records after it will come again, and
 * processing them now would only repeat work and break shard order.
 *
 * <p>A record failure never escapes as an exception, which would fail and re-deliver the whole batch.
 */
public final class KinesisBatchProcessor {
    private final RecordProcessor processor;
    private final FailureClassifier classifier;
    private final Retrier retrier;
    private final StructuredLogger log;

    private KinesisBatchProcessor(Builder builder) {
        this.processor = Objects.requireNonNull(builder.processor, "recordProcessor");
        this.classifier = new FailureClassifier(builder.transientTypes);
        this.retrier = new Retrier(builder.maxAttempts, builder.backoff, builder.sleeper);
        this.log = builder.log;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Processes {@code records} in order; the response names the first failed record, or nothing. */
    public StreamsEventResponse process(List<KinesisEventRecord> records, Deadline deadline) {
        List<KinesisEventRecord> batch = records == null ? List.of() : records;
        List<String> sequenceNumbers = sequenceNumbersOf(batch);
        for (int index = 0; index < batch.size(); index++) {
            KinesisEventRecord record = batch.get(index);
            // The first record always gets its chance, so a batch cannot stall on a margin set above the timeout.
            if (index > 0 && deadline.expired()) {
                logOutOfTime(record, batch.size() - index);
                return failedAt(sequenceNumbers.get(index));
            }
            RecordFailure failure = processOne(record, deadline);
            if (failure != null) {
                logFailure(record, failure, batch.size() - index);
                return failedAt(sequenceNumbers.get(index));
            }
        }
        return new StreamsEventResponse(new ArrayList<>());
    }

    private RecordFailure processOne(KinesisEventRecord record, Deadline deadline) {
        int[] retries = {0};
        try {
            retrier.call(() -> {
                processor.process(record);
                return null;
            }, classifier::isTransient, deadline, (retry, cause, delay) -> retries[0] = retry);
            return null;
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable failure) {
            return new RecordFailure(failure, classifier.isTransient(failure), retries[0] + 1);
        }
    }

    private record RecordFailure(Throwable cause, boolean isTransient, int attempts) {
    }

    private static List<String> sequenceNumbersOf(List<KinesisEventRecord> batch) {
        List<String> sequenceNumbers = new ArrayList<>(batch.size());
        for (int index = 0; index < batch.size(); index++) {
            KinesisEventRecord record = batch.get(index);
            String sequenceNumber = record == null || record.getKinesis() == null
                    ? null : record.getKinesis().getSequenceNumber();
            if (sequenceNumber == null || sequenceNumber.isBlank()) {
                // Without a sequence number no failure can be reported for this record; fail the whole batch
                // before doing any work, so Lambda retries (and bisects) it.
                throw new IllegalArgumentException("Kinesis event record " + index + " has no kinesis.sequenceNumber");
            }
            sequenceNumbers.add(sequenceNumber);
        }
        return sequenceNumbers;
    }

    private static StreamsEventResponse failedAt(String sequenceNumber) {
        List<BatchItemFailure> failures = new ArrayList<>(1);
        failures.add(new BatchItemFailure(sequenceNumber));
        return new StreamsEventResponse(failures);
    }

    private void logFailure(KinesisEventRecord record, RecordFailure failure, int unprocessed) {
        coordinates(log.error("record failed; reported so Lambda checkpoints before it"), record)
                .with("failure", failure.isTransient() ? "TRANSIENT" : "PERMANENT")
                .with("attempts", failure.attempts())
                .withError(failure.cause())
                .with("recordsNotProcessed", unprocessed)
                .emit();
    }

    private void logOutOfTime(KinesisEventRecord record, int unprocessed) {
        coordinates(log.warn("time ran out; reporting the next record so Lambda checkpoints the work done"), record)
                .with("recordsNotProcessed", unprocessed)
                .emit();
    }

    private static StructuredLogger.Line coordinates(StructuredLogger.Line line, KinesisEventRecord record) {
        return line.with("shardId", ShardIds.fromEventId(record.getEventID()))
                .with("sequenceNumber", record.getKinesis().getSequenceNumber())
                .with("partitionKey", record.getKinesis().getPartitionKey())
                .with("eventSourceArn", record.getEventSourceARN());
    }

    /** Builds a {@link KinesisBatchProcessor}; only the record processor is required. */
    public static final class Builder {
        private RecordProcessor processor;
        private final List<Class<? extends Throwable>> transientTypes = new ArrayList<>(List.of(TransientRecordException.class));
        private int maxAttempts = 3;
        private Backoff backoff = Backoff.fullJitter(Duration.ofMillis(100), Duration.ofSeconds(2));
        private Sleeper sleeper = Sleeper.THREAD;
        private StructuredLogger log = StructuredLogger.stdout(KinesisBatchProcessor.class);

        private Builder() {
        }

        public Builder recordProcessor(RecordProcessor processor) {
            this.processor = processor;
            return this;
        }

        /** Also treat these exception types (anywhere in the cause chain) as transient. */
        @SafeVarargs
        public final Builder transientOn(Class<? extends Throwable>... types) {
            transientTypes.addAll(List.of(types));
            return this;
        }

        /** Attempts per record, the first included; 1 disables in-process retries. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder backoff(Backoff backoff) {
            this.backoff = backoff;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public Builder logger(StructuredLogger log) {
            this.log = log;
            return this;
        }

        public KinesisBatchProcessor build() {
            return new KinesisBatchProcessor(this);
        }
    }
}
