package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import io.kinesishydrator.common.Settings;
import java.time.Duration;

/**
 * The Kinesis event source's handler, {@code io.kinesishydrator.consumer.KinesisConsumerHandler::handleRequest}.
 *
 * <p>Use it as is, with your {@link RecordProcessor}'s class named in {@code RECORD_PROCESSOR}, or extend it to
 * pass your own:
 * <pre>{@code
 * public class OrdersHandler extends KinesisConsumerHandler {
 *     public OrdersHandler() { super(new MyOrderProcessor()); }
 * }
 * }</pre>
 */
public class KinesisConsumerHandler extends StreamConsumerHandler<KinesisEventRecord> {
    /** Configured from the environment (see {@link ConsumerSettings}); {@code RECORD_PROCESSOR} is required. */
    public KinesisConsumerHandler() {
        this(ConsumerSettings.from(Settings.fromEnvironment()));
    }

    /** {@code processor} with the retry and idempotency settings from the environment. */
    public KinesisConsumerHandler(RecordProcessor processor) {
        this(ConsumerSettings.from(Settings.fromEnvironment()), processor);
    }

    /** {@code batchProcessor} as built, keeping {@code safetyMargin} back from each invocation's time. */
    public KinesisConsumerHandler(StreamBatchProcessor<KinesisEventRecord> batchProcessor, Duration safetyMargin) {
        super(batchProcessor, safetyMargin);
    }

    private KinesisConsumerHandler(ConsumerSettings settings) {
        this(settings, settings.processor(RecordProcessor.class));
    }

    private KinesisConsumerHandler(ConsumerSettings settings, RecordProcessor processor) {
        this(settings.applyTo(StreamBatchProcessor.kinesis(processor), KinesisEventRecord.class).build(),
                settings.safetyMargin());
    }
}
