package io.kinesishydrator.consumer;

/**
 * Business logic for one record of a stream, whatever the source; {@link RecordProcessor} (Kinesis) and
 * {@link DynamoDbRecordProcessor} (DynamoDB Streams) are its two forms. Return normally when the record is done;
 * throw {@link TransientRecordException} to have it retried in-process, anything else to fail it at once.
 */
@FunctionalInterface
public interface StreamRecordProcessor<R> {
    void process(R record) throws Exception;
}
