package io.kinesishydrator.consumer;

import io.kinesishydrator.common.Backoff;
import io.kinesishydrator.common.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The consumers' environment variables.
 *
 * <ul>
 *   <li>{@code RECORD_PROCESSOR}: class name of the record processor; required unless a subclass of the
 *       handler passes its processor.</li>
 *   <li>{@code TRANSIENT_EXCEPTIONS}: comma-separated exception class names to retry in-process, besides
 *       {@link TransientRecordException}.</li>
 *   <li>{@code TRANSIENT_RETRY_MAX_ATTEMPTS} (3), {@code TRANSIENT_RETRY_BASE_DELAY_MS} (100),
 *       {@code TRANSIENT_RETRY_MAX_DELAY_MS} (2000): attempts per record and the full-jitter backoff.</li>
 *   <li>{@code TIME_SAFETY_MARGIN_MS} (3000): time kept back from the Lambda timeout to return the response.</li>
 *   <li>{@code LOG_PAYLOADS} (false): put a failed record's data in its log line.</li>
 *   <li>{@code LOG_LEVEL} (INFO): DEBUG, INFO, WARN or ERROR.</li>
 *   <li>{@code IDEMPOTENCY_TABLE} and its companions: see {@link IdempotencySettings}.</li>
 * </ul>
 */
record ConsumerSettings(String processorClassName, List<Class<? extends Throwable>> transientTypes, int maxAttempts,
                        Backoff backoff, Duration safetyMargin, boolean logPayloads, IdempotencySettings idempotency) {

    static ConsumerSettings from(Settings env) {
        return new ConsumerSettings(
                env.string("RECORD_PROCESSOR", null),
                transientTypes(env.string("TRANSIENT_EXCEPTIONS", "")),
                env.integer("TRANSIENT_RETRY_MAX_ATTEMPTS", 3, 1, 100),
                Backoff.fullJitter(env.millis("TRANSIENT_RETRY_BASE_DELAY_MS", 100),
                        env.millis("TRANSIENT_RETRY_MAX_DELAY_MS", 2000)),
                env.millis("TIME_SAFETY_MARGIN_MS", 3000),
                env.flag("LOG_PAYLOADS"),
                IdempotencySettings.from(env));
    }

    /** {@code builder} with these settings; the idempotency guard keyed for {@code recordType}. */
    <R> BatchProcessorBuilder<R> applyTo(BatchProcessorBuilder<R> builder, Class<R> recordType) {
        @SuppressWarnings("unchecked")
        Class<? extends Throwable>[] types = transientTypes.toArray(Class[]::new);
        return builder.transientOn(types).maxAttempts(maxAttempts).backoff(backoff).logPayloads(logPayloads)
                .idempotency(idempotency.guard(), idempotency.key(recordType));
    }

    /** The processor {@code RECORD_PROCESSOR} names; without one the function cannot start. */
    <P> P processor(Class<P> type) {
        if (processorClassName == null) {
            throw new IllegalStateException("RECORD_PROCESSOR is not set: name the class of the function's "
                    + type.getName() + " in it, or extend the handler and pass the processor to its constructor");
        }
        return Instances.create(processorClassName, type, "RECORD_PROCESSOR");
    }

    private static List<Class<? extends Throwable>> transientTypes(String classNames) {
        List<Class<? extends Throwable>> types = new ArrayList<>();
        for (String name : classNames.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                types.add(Class.forName(name.trim()).asSubclass(Throwable.class));
            } catch (ClassNotFoundException | ClassCastException bad) {
                throw new IllegalStateException("TRANSIENT_EXCEPTIONS names " + name.trim() + ", which is not a Throwable on the classpath", bad);
            }
        }
        return types;
    }
}
