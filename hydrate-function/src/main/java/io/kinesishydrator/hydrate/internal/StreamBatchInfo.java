package io.kinesishydrator.hydrate.internal;

import java.math.BigInteger;

/**
 * Where the failed batch was: the {@code KinesisBatchInfo} of a Kinesis event source mapping's OnFailure record,
 * or the {@code DDBStreamBatchInfo} of a DynamoDB stream's, which has the same fields. Sequence numbers keep
 * their original text; compare them with {@link #start()} and {@link #end()}, as numbers: Kinesis's are up to
 * 128 bits wide, DynamoDB's are zero-padded, and only their numeric order is meaningful.
 *
 * @param batchSize the number of records Lambda says the batch held, or {@code null} when absent; a
 *                  cross-check of the range read, not its stop rule
 */
public record StreamBatchInfo(StreamType streamType, String shardId, String startSequenceNumber, String endSequenceNumber,
                              String approximateArrivalOfFirstRecord, String approximateArrivalOfLastRecord,
                              Integer batchSize, String streamArn) {

    public BigInteger start() {
        return new BigInteger(startSequenceNumber);
    }

    public BigInteger end() {
        return new BigInteger(endSequenceNumber);
    }

    /** Names this batch the same way on every delivery of its notification: stream, shard and range. */
    public String batchKey() {
        return streamArn + "/" + shardId + "/" + startSequenceNumber + "-" + endSequenceNumber;
    }
}
