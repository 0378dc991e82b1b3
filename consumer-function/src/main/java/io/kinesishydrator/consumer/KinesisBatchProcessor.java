package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.kinesishydrator.common.Deadline;
import java.util.List;

/**
 * Runs a Kinesis batch through a {@link RecordProcessor} with Kinesis checkpoint semantics: in order, stopping at
 * the first record that fails, whose sequence number is the only one reported (see {@link StreamBatchProcessor}).
 */
public final class KinesisBatchProcessor {
    private final StreamBatchProcessor<KinesisEventRecord> batchProcessor;

    private KinesisBatchProcessor(StreamBatchProcessor<KinesisEventRecord> batchProcessor) {
        this.batchProcessor = batchProcessor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Processes {@code records} in order; the response names the first failed record, or nothing. */
    public StreamsEventResponse process(List<KinesisEventRecord> records, Deadline deadline) {
        return batchProcessor.process(records, deadline);
    }

    /** Builds a {@link KinesisBatchProcessor}; only the record processor is required. */
    public static final class Builder extends BatchProcessorBuilder<KinesisEventRecord, Builder> {
        private RecordProcessor processor;

        private Builder() {
            super(KinesisBatchProcessor.class);
        }

        public Builder recordProcessor(RecordProcessor processor) {
            this.processor = processor;
            return this;
        }

        public KinesisBatchProcessor build() {
            return new KinesisBatchProcessor(build(KinesisSource.INSTANCE, processor));
        }
    }
}
