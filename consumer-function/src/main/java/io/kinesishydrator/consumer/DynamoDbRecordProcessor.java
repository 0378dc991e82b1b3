package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;

/**
 * The business logic for one DynamoDB stream record (an item inserted, modified or removed); implement it and
 * name the class in {@code RECORD_PROCESSOR} for {@link DynamoDbStreamConsumerHandler}. The rules are
 * {@link RecordProcessor}'s: records arrive in shard order, {@link TransientRecordException} is retried in-process,
 * anything else fails the record at once, and the records after a failed one wait for the redelivery.
 */
@FunctionalInterface
public interface DynamoDbRecordProcessor extends StreamRecordProcessor<DynamodbStreamRecord> {
    @Override
    void process(DynamodbStreamRecord record) throws Exception;
}
