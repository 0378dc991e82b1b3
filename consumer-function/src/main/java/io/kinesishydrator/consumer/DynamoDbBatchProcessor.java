package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.kinesishydrator.common.Deadline;
import java.util.List;

/**
 * Runs a DynamoDB stream batch through a {@link DynamoDbRecordProcessor}. DynamoDB Streams checkpoint exactly as
 * Kinesis does with {@code ReportBatchItemFailures}, so the rules are {@link KinesisBatchProcessor}'s: in order,
 * stopping at the first record that fails, whose sequence number is the only one reported.
 */
public final class DynamoDbBatchProcessor {
    private final StreamBatchProcessor<DynamodbStreamRecord> batchProcessor;

    private DynamoDbBatchProcessor(StreamBatchProcessor<DynamodbStreamRecord> batchProcessor) {
        this.batchProcessor = batchProcessor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Processes {@code records} in order; the response names the first failed record, or nothing. */
    public StreamsEventResponse process(List<DynamodbStreamRecord> records, Deadline deadline) {
        return batchProcessor.process(records, deadline);
    }

    /** Builds a {@link DynamoDbBatchProcessor}; only the record processor is required. */
    public static final class Builder extends BatchProcessorBuilder<DynamodbStreamRecord, Builder> {
        private DynamoDbRecordProcessor processor;

        private Builder() {
            super(DynamoDbBatchProcessor.class);
        }

        public Builder recordProcessor(DynamoDbRecordProcessor processor) {
            this.processor = processor;
            return this;
        }

        public DynamoDbBatchProcessor build() {
            return new DynamoDbBatchProcessor(build(DynamoDbStreamSource.INSTANCE, processor));
        }
    }
}
