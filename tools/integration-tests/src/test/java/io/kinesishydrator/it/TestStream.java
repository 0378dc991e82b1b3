package io.kinesishydrator.it;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;

/** A stream on kinesis-mock that tests write to shard by shard. */
public final class TestStream {
    private static final int PUT_BATCH = 500;
    private static final long PUT_BATCH_BYTES = 4L * 1024 * 1024;

    private final KinesisClient kinesis;
    private final String arn;
    private final String name;

    TestStream(KinesisClient kinesis, String arn, String name) {
        this.kinesis = kinesis;
        this.arn = arn;
        this.name = name;
    }

    public String arn() {
        return arn;
    }

    public String name() {
        return name;
    }

    /** A record as written: where it landed and what it holds. */
    public record Written(String shardId, String sequenceNumber, String partitionKey, byte[] data) {
        public BigInteger sequence() {
            return new BigInteger(sequenceNumber);
        }
    }

    /** Writes {@code payloads} to the shard at {@code shardIndex}, in order, and returns them as written. */
    public List<Written> write(int shardIndex, List<byte[]> payloads) {
        Shard shard = kinesis.listShards(request -> request.streamARN(arn)).shards().get(shardIndex);
        String hashKey = shard.hashKeyRange().startingHashKey();
        List<Written> written = new ArrayList<>(payloads.size());
        List<PutRecordsRequestEntry> batch = new ArrayList<>();
        long batchBytes = 0;
        for (byte[] payload : payloads) {
            if (batch.size() == PUT_BATCH || (!batch.isEmpty() && batchBytes + payload.length > PUT_BATCH_BYTES)) {
                written.addAll(put(batch));
                batch.clear();
                batchBytes = 0;
            }
            batch.add(PutRecordsRequestEntry.builder()
                    .partitionKey("pk-" + shardIndex + "-" + (written.size() + batch.size()))
                    .explicitHashKey(hashKey)
                    .data(SdkBytes.fromByteArray(payload))
                    .build());
            batchBytes += payload.length;
        }
        if (!batch.isEmpty()) {
            written.addAll(put(batch));
        }
        return written;
    }

    private List<Written> put(List<PutRecordsRequestEntry> batch) {
        PutRecordsResponse response = kinesis.putRecords(request -> request.streamARN(arn).records(batch));
        if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
            throw new IllegalStateException(response.failedRecordCount() + " test records were not put");
        }
        List<Written> written = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            PutRecordsResultEntry result = response.records().get(i);
            PutRecordsRequestEntry entry = batch.get(i);
            written.add(new Written(result.shardId(), result.sequenceNumber(), entry.partitionKey(), entry.data().asByteArray()));
        }
        return written;
    }
}
