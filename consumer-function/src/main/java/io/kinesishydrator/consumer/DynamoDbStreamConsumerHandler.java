package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import io.kinesishydrator.common.Settings;
import java.time.Duration;

/**
 * The DynamoDB Streams event source's handler,
 * {@code io.kinesishydrator.consumer.DynamoDbStreamConsumerHandler::handleRequest}, configured like
 * {@link KinesisConsumerHandler}: your {@link DynamoDbRecordProcessor}'s class named in {@code RECORD_PROCESSOR},
 * or one passed by a subclass.
 */
public class DynamoDbStreamConsumerHandler extends StreamConsumerHandler<DynamodbStreamRecord> {
    /** Configured from the environment (see {@link ConsumerSettings}); {@code RECORD_PROCESSOR} is required. */
    public DynamoDbStreamConsumerHandler() {
        this(ConsumerSettings.from(Settings.fromEnvironment()));
    }

    /** {@code processor} with the retry and idempotency settings from the environment. */
    public DynamoDbStreamConsumerHandler(DynamoDbRecordProcessor processor) {
        this(ConsumerSettings.from(Settings.fromEnvironment()), processor);
    }

    /** {@code batchProcessor} as built, keeping {@code safetyMargin} back from each invocation's time. */
    public DynamoDbStreamConsumerHandler(StreamBatchProcessor<DynamodbStreamRecord> batchProcessor, Duration safetyMargin) {
        super(batchProcessor, safetyMargin);
    }

    private DynamoDbStreamConsumerHandler(ConsumerSettings settings) {
        this(settings, settings.processor(DynamoDbRecordProcessor.class));
    }

    private DynamoDbStreamConsumerHandler(ConsumerSettings settings, DynamoDbRecordProcessor processor) {
        this(settings.applyTo(StreamBatchProcessor.dynamoDb(processor), DynamodbStreamRecord.class).build(),
                settings.safetyMargin());
    }
}
