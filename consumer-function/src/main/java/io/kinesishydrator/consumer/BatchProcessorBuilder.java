package io.kinesishydrator.consumer;

import io.kinesishydrator.common.Backoff;
import io.kinesishydrator.common.EmbeddedMetrics;
import io.kinesishydrator.common.Sleeper;
import io.kinesishydrator.common.StructuredLogger;
import io.kinesishydrator.consumer.idempotency.IdempotencyGuard;
import io.kinesishydrator.consumer.idempotency.IdempotencyKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings every stream's batch processor shares; {@link KinesisBatchProcessor.Builder} and
 * {@link DynamoDbBatchProcessor.Builder} add their record processor. Only the record processor is required.
 *
 * @param <B> the concrete builder, so every setter returns it for chaining
 */
public abstract class BatchProcessorBuilder<R, B extends BatchProcessorBuilder<R, B>> {
    final List<Class<? extends Throwable>> transientTypes = new ArrayList<>(List.of(TransientRecordException.class));
    int maxAttempts = 3;
    Backoff backoff = Backoff.fullJitter(Duration.ofMillis(100), Duration.ofSeconds(2));
    Sleeper sleeper = Sleeper.THREAD;
    StructuredLogger log;
    EmbeddedMetrics metrics = EmbeddedMetrics.stdout(StreamBatchProcessor.METRICS_NAMESPACE);
    String functionName = Objects.requireNonNullElse(System.getenv("AWS_LAMBDA_FUNCTION_NAME"), "local");
    boolean logPayloads;
    IdempotencyGuard guard;
    IdempotencyKey<? super R> key;

    BatchProcessorBuilder(Class<?> owner) {
        this.log = StructuredLogger.stdout(owner);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Also treat these exception types (anywhere in the cause chain) as transient. */
    @SafeVarargs
    public final B transientOn(Class<? extends Throwable>... types) {
        transientTypes.addAll(List.of(types));
        return self();
    }

    /** Attempts per record, the first included; 1 disables in-process retries. */
    public B maxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
        return self();
    }

    public B backoff(Backoff backoff) {
        this.backoff = backoff;
        return self();
    }

    public B sleeper(Sleeper sleeper) {
        this.sleeper = sleeper;
        return self();
    }

    public B logger(StructuredLogger log) {
        this.log = log;
        return self();
    }

    public B metrics(EmbeddedMetrics metrics, String functionName) {
        this.metrics = metrics;
        this.functionName = functionName;
        return self();
    }

    /** Put failed records' data in their log lines; off by default, since payloads may hold personal data. */
    public B logPayloads(boolean logPayloads) {
        this.logPayloads = logPayloads;
        return self();
    }

    /** Skip records already processed, remembered by their stream, shard and sequence number. */
    public B idempotency(IdempotencyGuard guard) {
        return idempotency(guard, null);
    }

    /**
     * Skip records already processed, remembered by {@code key} (null: the record's stream, shard and sequence
     * number); a null guard switches idempotency off, the default.
     */
    public B idempotency(IdempotencyGuard guard, IdempotencyKey<? super R> key) {
        this.guard = guard;
        this.key = key;
        return self();
    }

    StreamBatchProcessor<R> build(StreamSource<R> source, StreamRecordProcessor<? super R> processor) {
        return new StreamBatchProcessor<>(source, Objects.requireNonNull(processor, "recordProcessor"), this);
    }
}
