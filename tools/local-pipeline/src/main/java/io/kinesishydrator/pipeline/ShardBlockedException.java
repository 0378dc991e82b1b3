package io.kinesishydrator.pipeline;

/**
 * A batch kept failing with no limit that would ever let it go ({@code MaximumRetryAttempts: -1} and no
 * {@code MaximumRecordAgeInSeconds}). On AWS the shard would stop here until the stream's retention drops the record.
 */
final class ShardBlockedException extends RuntimeException {
    ShardBlockedException(String shardId, String sequenceNumber, int invocations) {
        super("shard " + shardId + " is blocked at sequence number " + sequenceNumber + " after " + invocations
                + " invocations: with MaximumRetryAttempts -1 and no MaximumRecordAgeInSeconds the event source mapping"
                + " retries it until the stream's retention drops it");
    }
}
