package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.LogContext;
import io.kinesishydrator.common.Settings;
import io.kinesishydrator.consumer.example.OrderChangeRecordProcessor;
import java.time.Duration;

/**
 * The DynamoDB Streams event source's handler, configured like {@link KinesisConsumerHandler}: the processor
 * named in {@code RECORD_PROCESSOR} (a {@link DynamoDbRecordProcessor}), or one passed by a subclass. Its event
 * source mapping must set {@code FunctionResponseTypes: [ReportBatchItemFailures]}.
 */
public class DynamoDbStreamConsumerHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final DynamoDbBatchProcessor batchProcessor;
    private final Duration safetyMargin;

    /** Configured from the environment (see {@link ConsumerSettings}). */
    public DynamoDbStreamConsumerHandler() {
        this(ConsumerSettings.from(Settings.fromEnvironment()));
    }

    /** {@code processor} with the retry and idempotency settings from the environment. */
    public DynamoDbStreamConsumerHandler(DynamoDbRecordProcessor processor) {
        this(ConsumerSettings.from(Settings.fromEnvironment()), processor);
    }

    public DynamoDbStreamConsumerHandler(DynamoDbBatchProcessor batchProcessor, Duration safetyMargin) {
        this.batchProcessor = batchProcessor;
        this.safetyMargin = safetyMargin;
    }

    private DynamoDbStreamConsumerHandler(ConsumerSettings settings) {
        this(settings, settings.processor(DynamoDbRecordProcessor.class, OrderChangeRecordProcessor.class));
    }

    private DynamoDbStreamConsumerHandler(ConsumerSettings settings, DynamoDbRecordProcessor processor) {
        this(settings.applyTo(DynamoDbBatchProcessor.builder(), DynamodbStreamRecord.class).recordProcessor(processor)
                .build(), settings.safetyMargin());
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        try (LogContext ignored = LogContext.forRequest(context == null ? null : context.getAwsRequestId())) {
            return batchProcessor.process(event == null ? null : event.getRecords(), Deadline.of(context, safetyMargin));
        }
    }
}
