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
import java.util.function.Consumer;

/**
 * Builds a {@link StreamBatchProcessor}; start from {@link StreamBatchProcessor#kinesis} or
 * {@link StreamBatchProcessor#dynamoDb}, which take the record processor, the one setting required. Immutable:
 * every setter returns a new builder, so a partly configured one can be shared.
 */
public final class BatchProcessorBuilder<R> {
    final StreamSource<R> source;
    final StreamRecordProcessor<? super R> processor;
    List<Class<? extends Throwable>> transientTypes = List.of(TransientRecordException.class);
    int maxAttempts = 3;
    Backoff backoff = Backoff.fullJitter(Duration.ofMillis(100), Duration.ofSeconds(2));
    Sleeper sleeper = Sleeper.THREAD;
    StructuredLogger log = StructuredLogger.stdout(StreamBatchProcessor.class);
    EmbeddedMetrics metrics = EmbeddedMetrics.stdout(StreamBatchProcessor.METRICS_NAMESPACE);
    String functionName = Objects.requireNonNullElse(System.getenv("AWS_LAMBDA_FUNCTION_NAME"), "local");
    boolean logPayloads;
    IdempotencyGuard guard;
    IdempotencyKey<? super R> key;

    BatchProcessorBuilder(StreamSource<R> source, StreamRecordProcessor<? super R> processor) {
        this.source = source;
        this.processor = Objects.requireNonNull(processor, "recordProcessor");
    }

    private BatchProcessorBuilder(BatchProcessorBuilder<R> from) {
        this(from.source, from.processor);
        transientTypes = from.transientTypes;
        maxAttempts = from.maxAttempts;
        backoff = from.backoff;
        sleeper = from.sleeper;
        log = from.log;
        metrics = from.metrics;
        functionName = from.functionName;
        logPayloads = from.logPayloads;
        guard = from.guard;
        key = from.key;
    }

    /** A copy with {@code change} applied; this builder stays as it is. */
    private BatchProcessorBuilder<R> with(Consumer<BatchProcessorBuilder<R>> change) {
        BatchProcessorBuilder<R> next = new BatchProcessorBuilder<>(this);
        change.accept(next);
        return next;
    }

    /** Also treat these exception types (anywhere in the cause chain) as transient. */
    @SafeVarargs
    public final BatchProcessorBuilder<R> transientOn(Class<? extends Throwable>... types) {
        List<Class<? extends Throwable>> all = new ArrayList<>(transientTypes);
        all.addAll(List.of(types));
        return with(next -> next.transientTypes = List.copyOf(all));
    }

    /** Attempts per record, the first included; 1 disables in-process retries. */
    public BatchProcessorBuilder<R> maxAttempts(int maxAttempts) {
        return with(next -> next.maxAttempts = maxAttempts);
    }

    public BatchProcessorBuilder<R> backoff(Backoff backoff) {
        return with(next -> next.backoff = backoff);
    }

    public BatchProcessorBuilder<R> sleeper(Sleeper sleeper) {
        return with(next -> next.sleeper = sleeper);
    }

    public BatchProcessorBuilder<R> logger(StructuredLogger log) {
        return with(next -> next.log = log);
    }

    public BatchProcessorBuilder<R> metrics(EmbeddedMetrics metrics, String functionName) {
        return with(next -> {
            next.metrics = metrics;
            next.functionName = functionName;
        });
    }

    /** Put failed records' data in their log lines; off by default, since payloads may hold personal data. */
    public BatchProcessorBuilder<R> logPayloads(boolean logPayloads) {
        return with(next -> next.logPayloads = logPayloads);
    }

    /** Skip records already processed, remembered by their stream, shard and sequence number. */
    public BatchProcessorBuilder<R> idempotency(IdempotencyGuard guard) {
        return idempotency(guard, null);
    }

    /**
     * Skip records already processed, remembered by {@code key} (null: the record's stream, shard and sequence
     * number); a null guard switches idempotency off, the default.
     */
    public BatchProcessorBuilder<R> idempotency(IdempotencyGuard guard, IdempotencyKey<? super R> key) {
        return with(next -> {
            next.guard = guard;
            next.key = key;
        });
    }

    public StreamBatchProcessor<R> build() {
        return new StreamBatchProcessor<>(this);
    }
}
