package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;

/**
 * The business logic for one Kinesis record; implement it and name the class in {@code RECORD_PROCESSOR}
 * (or pass it to {@link KinesisConsumerHandler#KinesisConsumerHandler(RecordProcessor)}).
 *
 * <p>Records arrive one at a time, in shard order. Return normally when the record is done. To fail it, throw:
 * <ul>
 *   <li>{@link TransientRecordException} (or an exception type registered as transient) when trying again
 *       may help: the record is retried in-process with backoff, then reported if it still fails;</li>
 *   <li>anything else, {@link PermanentRecordException} for bad data in particular: the record is reported
 *       at once, and the event source mapping's own retries and OnFailure destination take over.</li>
 * </ul>
 * Records after a failed one are not processed in this invocation: Lambda re-delivers them after the failed
 * one, so processing them now would break shard order and do the work twice.
 *
 * <p>Implementations are created once per Lambda execution environment and must have a public no-argument
 * constructor when named in {@code RECORD_PROCESSOR}.
 */
@FunctionalInterface
public interface RecordProcessor extends StreamRecordProcessor<KinesisEventRecord> {
    @Override
    void process(KinesisEventRecord record) throws Exception;
}
