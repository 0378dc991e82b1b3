package io.kinesishydrator.consumer;

import io.kinesishydrator.common.Backoff;
import io.kinesishydrator.common.Settings;
import io.kinesishydrator.consumer.example.OrderRecordProcessor;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The consumer's environment variables.
 *
 * <ul>
 *   <li>{@code RECORD_PROCESSOR}: class name of the {@link RecordProcessor}; default: the example
 *       {@link OrderRecordProcessor}.</li>
 *   <li>{@code TRANSIENT_EXCEPTIONS}: comma-separated exception class names to retry in-process, besides
 *       {@link TransientRecordException}.</li>
 *   <li>{@code TRANSIENT_RETRY_MAX_ATTEMPTS} (3), {@code TRANSIENT_RETRY_BASE_DELAY_MS} (100),
 *       {@code TRANSIENT_RETRY_MAX_DELAY_MS} (2000): attempts per record and the full-jitter backoff.</li>
 *   <li>{@code TIME_SAFETY_MARGIN_MS} (3000): time kept back from the Lambda timeout to return the response.</li>
 *   <li>{@code LOG_PAYLOADS} (false): put a failed record's data in its log line.</li>
 *   <li>{@code LOG_LEVEL} (INFO): DEBUG, INFO, WARN or ERROR.</li>
 * </ul>
 */
record ConsumerSettings(RecordProcessor processor, List<Class<? extends Throwable>> transientTypes, int maxAttempts,
                        Backoff backoff, Duration safetyMargin, boolean logPayloads) {

    static ConsumerSettings from(Settings env) {
        return new ConsumerSettings(
                loadProcessor(env.string("RECORD_PROCESSOR", OrderRecordProcessor.class.getName())),
                transientTypes(env.string("TRANSIENT_EXCEPTIONS", "")),
                env.integer("TRANSIENT_RETRY_MAX_ATTEMPTS", 3, 1, 100),
                Backoff.fullJitter(env.millis("TRANSIENT_RETRY_BASE_DELAY_MS", 100),
                        env.millis("TRANSIENT_RETRY_MAX_DELAY_MS", 2000)),
                env.millis("TIME_SAFETY_MARGIN_MS", 3000),
                env.flag("LOG_PAYLOADS"));
    }

    ConsumerSettings withProcessor(RecordProcessor replacement) {
        return new ConsumerSettings(replacement, transientTypes, maxAttempts, backoff, safetyMargin, logPayloads);
    }

    KinesisBatchProcessor.Builder applyTo(KinesisBatchProcessor.Builder builder) {
        @SuppressWarnings("unchecked")
        Class<? extends Throwable>[] types = transientTypes.toArray(Class[]::new);
        return builder.recordProcessor(processor).transientOn(types).maxAttempts(maxAttempts).backoff(backoff)
                .logPayloads(logPayloads);
    }

    private static RecordProcessor loadProcessor(String className) {
        try {
            Class<?> type = Class.forName(className);
            if (!RecordProcessor.class.isAssignableFrom(type)) {
                throw new IllegalStateException("RECORD_PROCESSOR " + className + " does not implement " + RecordProcessor.class.getName());
            }
            return (RecordProcessor) type.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException missing) {
            throw new IllegalStateException("RECORD_PROCESSOR " + className + " is not on the function's classpath", missing);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException noConstructor) {
            throw new IllegalStateException("RECORD_PROCESSOR " + className + " needs a public no-argument constructor", noConstructor);
        } catch (InvocationTargetException failed) {
            throw new IllegalStateException("RECORD_PROCESSOR " + className + " failed to construct", failed.getCause());
        }
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
