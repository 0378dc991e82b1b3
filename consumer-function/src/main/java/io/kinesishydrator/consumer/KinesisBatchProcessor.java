package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import io.kinesishydrator.common.Backoff;
import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.EmbeddedMetrics;
import io.kinesishydrator.common.Retrier;
import io.kinesishydrator.common.Sleeper;
import io.kinesishydrator.common.StructuredLogger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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
    static final String METRICS_NAMESPACE = "KinesisHydrator";

    private final RecordProcessor processor;
    private final FailureClassifier classifier;
    private final Retrier retrier;
    private final StructuredLogger log;
    private final EmbeddedMetrics metrics;
    private final String functionName;
    private final boolean logPayloads;

    private KinesisBatchProcessor(Builder builder) {
        this.processor = Objects.requireNonNull(builder.processor, "recordProcessor");
        this.classifier = new FailureClassifier(builder.transientTypes);
        this.retrier = new Retrier(builder.maxAttempts, builder.backoff, builder.sleeper);
        this.log = builder.log;
        this.metrics = builder.metrics;
        this.functionName = builder.functionName;
        this.logPayloads = builder.logPayloads;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Processes {@code records} in order; the response names the first failed record, or nothing. */
    public StreamsEventResponse process(List<KinesisEventRecord> records, Deadline deadline) {
        long started = System.nanoTime();
        List<KinesisEventRecord> batch = records == null ? List.of() : records;
        List<String> sequenceNumbers = sequenceNumbersOf(batch);
        BatchOutcome outcome = new BatchOutcome();
        for (int index = 0; index < batch.size(); index++) {
            KinesisEventRecord record = batch.get(index);
            // The first record always gets its chance, so a batch cannot stall on a margin set above the timeout.
            if (index > 0 && deadline.expired()) {
                logOutOfTime(record, batch.size() - index);
                return outcome.failedAt(sequenceNumbers.get(index), batch, started);
            }
            RecordFailure failure = processOne(record, deadline, outcome);
            if (failure != null) {
                logFailure(record, failure, batch.size() - index);
                outcome.failed++;
                return outcome.failedAt(sequenceNumbers.get(index), batch, started);
            }
            outcome.processed++;
        }
        return outcome.succeeded(batch, started);
    }

    private RecordFailure processOne(KinesisEventRecord record, Deadline deadline, BatchOutcome outcome) {
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
        } finally {
            outcome.transientRetries += retries[0];
        }
    }

    /** The counts of one batch, written as metrics when it ends. */
    private final class BatchOutcome {
        int processed;
        int failed;
        int transientRetries;

        StreamsEventResponse failedAt(String sequenceNumber, List<KinesisEventRecord> batch, long started) {
            List<BatchItemFailure> failures = new ArrayList<>(1);
            failures.add(new BatchItemFailure(sequenceNumber));
            return emitted(new StreamsEventResponse(failures), batch, started);
        }

        StreamsEventResponse succeeded(List<KinesisEventRecord> batch, long started) {
            return emitted(new StreamsEventResponse(new ArrayList<>()), batch, started);
        }

        private StreamsEventResponse emitted(StreamsEventResponse response, List<KinesisEventRecord> batch, long started) {
            metrics.line()
                    .dimension("FunctionName", functionName)
                    .dimension("StreamName", batch.isEmpty() ? "unknown" : streamName(batch.get(0).getEventSourceARN()))
                    .count("RecordsProcessed", processed)
                    .count("RecordsFailed", failed)
                    .count("TransientRetries", transientRetries)
                    .milliseconds("BatchDurationMs", (System.nanoTime() - started) / 1_000_000)
                    .emit();
            return response;
        }
    }

    private static String streamName(String streamArn) {
        return streamArn == null ? "unknown" : streamArn.substring(streamArn.lastIndexOf('/') + 1);
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

    private void logFailure(KinesisEventRecord record, RecordFailure failure, int unprocessed) {
        coordinates(log.error("record failed; reported so Lambda checkpoints before it"), record)
                .with("failure", failure.isTransient() ? "TRANSIENT" : "PERMANENT")
                .with("attempts", failure.attempts())
                .withError(failure.cause())
                .with("recordsNotProcessed", unprocessed)
                .with("payload", logPayloads ? payloadOf(record) : null)
                .emit();
    }

    private void logOutOfTime(KinesisEventRecord record, int unprocessed) {
        coordinates(log.warn("time ran out; reporting the next record so Lambda checkpoints the work done"), record)
                .with("recordsNotProcessed", unprocessed)
                .emit();
    }

    /** The record's data as text when it is UTF-8, else base64; only with {@code LOG_PAYLOADS} on. */
    private static String payloadOf(KinesisEventRecord record) {
        ByteBuffer data = record.getKinesis().getData();
        if (data == null) {
            return null;
        }
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException binary) {
            return "base64:" + Base64.getEncoder().encodeToString(bytes);
        }
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
        private EmbeddedMetrics metrics = EmbeddedMetrics.stdout(METRICS_NAMESPACE);
        private String functionName = Objects.requireNonNullElse(System.getenv("AWS_LAMBDA_FUNCTION_NAME"), "local");
        private boolean logPayloads;

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

        public Builder metrics(EmbeddedMetrics metrics, String functionName) {
            this.metrics = metrics;
            this.functionName = functionName;
            return this;
        }

        /** Put failed records' data in their log lines; off by default, since payloads may hold personal data. */
        public Builder logPayloads(boolean logPayloads) {
            this.logPayloads = logPayloads;
            return this;
        }

        public KinesisBatchProcessor build() {
            return new KinesisBatchProcessor(this);
        }
    }
}
