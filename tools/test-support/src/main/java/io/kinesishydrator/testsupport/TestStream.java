package io.kinesishydrator.testsupport;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * A stream on kinesis-mock that tests write to, either shard by shard or routed by partition key as producers
 * write, and read back whole.
 */
public final class TestStream {
    private static final int PUT_BATCH = 500;
    private static final long PUT_BATCH_BYTES = 4L * 1024 * 1024;
    private static final int MAX_EMPTY_PAGES = 3;

    private final KinesisClient kinesis;
    private final String arn;
    private final String name;

    /** A stream that already exists, reached through {@code kinesis} (a stream in another region, say). */
    public TestStream(KinesisClient kinesis, String arn, String name) {
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

    /** A record as written or read: where it is and what it holds. */
    public record Written(String shardId, String sequenceNumber, String partitionKey, byte[] data) {
        public BigInteger sequence() {
            return new BigInteger(sequenceNumber);
        }

        /** What a consumer compares: key and bytes. */
        public String content() {
            return partitionKey + "=" + Arrays.toString(data);
        }
    }

    /** A record to write: its partition key and its bytes. */
    public record Payload(String partitionKey, byte[] data) {
    }

    /**
     * Writes {@code payloads} to the shard at {@code shardIndex}, in order, in as few PutRecords calls as the
     * limits allow, and returns them as written.
     */
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

    /** Writes {@code payloads} in order with one PutRecords call each (so each lands in order) and returns them as written. */
    public List<Written> write(List<Payload> payloads) {
        List<Written> written = new ArrayList<>(payloads.size());
        for (Payload payload : payloads) {
            written.addAll(put(List.of(PutRecordsRequestEntry.builder().partitionKey(payload.partitionKey())
                    .data(SdkBytes.fromByteArray(payload.data())).build())));
        }
        return written;
    }

    private List<Written> put(List<PutRecordsRequestEntry> batch) {
        PutRecordsResponse response = kinesis.putRecords(request -> request.streamARN(arn).records(batch));
        if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
            throw new IllegalStateException(response.failedRecordCount() + " test records were not put, the first because: "
                    + response.records().stream().filter(result -> result.errorCode() != null).findFirst()
                    .map(PutRecordsResultEntry::errorMessage).orElse("no reason given"));
        }
        List<Written> written = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            PutRecordsResultEntry result = response.records().get(i);
            PutRecordsRequestEntry entry = batch.get(i);
            written.add(new Written(result.shardId(), result.sequenceNumber(), entry.partitionKey(), entry.data().asByteArray()));
        }
        return written;
    }

    /** Every record in the stream, by shard id, each shard in sequence order. */
    public Map<String, List<Written>> readAll() {
        Map<String, List<Written>> byShard = new TreeMap<>();
        for (Shard shard : kinesis.listShards(request -> request.streamARN(arn)).shards()) {
            byShard.put(shard.shardId(), readShard(shard.shardId()));
        }
        return byShard;
    }

    /** Every record in the stream, shard after shard. */
    public List<Written> readAllRecords() {
        return readAll().values().stream().flatMap(List::stream).toList();
    }

    /** A shard from its oldest record on, until a few pages in a row come back empty: the end of what is there. */
    private List<Written> readShard(String shardId) {
        List<Written> records = new ArrayList<>();
        String iterator = kinesis.getShardIterator(request -> request.streamARN(arn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        int emptyPages = 0;
        while (iterator != null && emptyPages < MAX_EMPTY_PAGES) {
            String current = iterator;
            GetRecordsResponse page = kinesis.getRecords(request -> request.streamARN(arn).shardIterator(current));
            for (Record record : page.records()) {
                records.add(new Written(shardId, record.sequenceNumber(), record.partitionKey(), record.data().asByteArray()));
            }
            emptyPages = page.records().isEmpty() ? emptyPages + 1 : 0;
            iterator = page.nextShardIterator();
        }
        return records;
    }
}
