package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.LogContext;
import io.kinesishydrator.common.Settings;
import io.kinesishydrator.consumer.example.OrderRecordProcessor;
import java.time.Duration;

/**
 * The Kinesis event source's handler. Its event source mapping must set
 * {@code FunctionResponseTypes: [ReportBatchItemFailures]}, or Lambda ignores the response and retries whole
 * batches.
 *
 * <p>Use it as is, with the processor named in {@code RECORD_PROCESSOR}, or extend it to pass your own:
 * <pre>{@code
 * public class OrdersHandler extends KinesisConsumerHandler {
 *     public OrdersHandler() { super(new MyOrderProcessor()); }
 * }
 * }</pre>
 */
public class KinesisConsumerHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
    private final KinesisBatchProcessor batchProcessor;
    private final Duration safetyMargin;

    /** Configured from the environment (see {@link ConsumerSettings}). */
    public KinesisConsumerHandler() {
        this(ConsumerSettings.from(Settings.fromEnvironment()));
    }

    /** {@code processor} with the retry and idempotency settings from the environment. */
    public KinesisConsumerHandler(RecordProcessor processor) {
        this(ConsumerSettings.from(Settings.fromEnvironment()), processor);
    }

    public KinesisConsumerHandler(KinesisBatchProcessor batchProcessor, Duration safetyMargin) {
        this.batchProcessor = batchProcessor;
        this.safetyMargin = safetyMargin;
    }

    private KinesisConsumerHandler(ConsumerSettings settings) {
        this(settings, settings.processor(RecordProcessor.class, OrderRecordProcessor.class));
    }

    private KinesisConsumerHandler(ConsumerSettings settings, RecordProcessor processor) {
        this(settings.applyTo(KinesisBatchProcessor.builder(), KinesisEventRecord.class).recordProcessor(processor).build(),
                settings.safetyMargin());
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        try (LogContext ignored = LogContext.forRequest(context == null ? null : context.getAwsRequestId())) {
            return batchProcessor.process(event == null ? null : event.getRecords(), Deadline.of(context, safetyMargin));
        }
    }
}
