package io.kinesishydrator.redrive;

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
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** A stream on kinesis-mock that tests write to, routed by partition key as producers write, and read back whole. */
final class TestStream {
    private static final int MAX_EMPTY_PAGES = 3;

    private final KinesisClient kinesis;
    private final String arn;
    private final String name;

    TestStream(KinesisClient kinesis, String arn, String name) {
        this.kinesis = kinesis;
        this.arn = arn;
        this.name = name;
    }

    String arn() {
        return arn;
    }

    String name() {
        return name;
    }

    /** A record as written or read: where it is and what it holds. */
    record Written(String shardId, String sequenceNumber, String partitionKey, byte[] data) {
        /** What a consumer compares: key and bytes. */
        String content() {
            return partitionKey + "=" + Arrays.toString(data);
        }
    }

    /** A record to write: its partition key and its bytes. */
    record Payload(String partitionKey, byte[] data) {
    }

    /** Writes {@code payloads} in order with one PutRecords call each (so each lands in order) and returns them as written. */
    List<Written> write(List<Payload> payloads) {
        List<Written> written = new ArrayList<>();
        for (Payload payload : payloads) {
            PutRecordsResponse response = kinesis.putRecords(request -> request.streamARN(arn).records(
                    PutRecordsRequestEntry.builder().partitionKey(payload.partitionKey()).data(SdkBytes.fromByteArray(payload.data())).build()));
            if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
                throw new IllegalStateException("a test record was not put: " + response.records().get(0).errorMessage());
            }
            written.add(new Written(response.records().get(0).shardId(), response.records().get(0).sequenceNumber(),
                    payload.partitionKey(), payload.data()));
        }
        return written;
    }

    /** Every record in the stream, by shard id, each shard in sequence order. */
    Map<String, List<Written>> readAll() {
        Map<String, List<Written>> byShard = new TreeMap<>();
        for (Shard shard : kinesis.listShards(request -> request.streamARN(arn)).shards()) {
            List<Written> records = new ArrayList<>();
            String iterator = kinesis.getShardIterator(request -> request.streamARN(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            int emptyPages = 0;
            while (iterator != null && emptyPages < MAX_EMPTY_PAGES) {
                String current = iterator;
                GetRecordsResponse page = kinesis.getRecords(request -> request.streamARN(arn).shardIterator(current));
                for (Record record : page.records()) {
                    records.add(new Written(shard.shardId(), record.sequenceNumber(), record.partitionKey(), record.data().asByteArray()));
                }
                emptyPages = page.records().isEmpty() ? emptyPages + 1 : 0;
                iterator = page.nextShardIterator();
            }
            byShard.put(shard.shardId(), records);
        }
        return byShard;
    }

    /** Every record in the stream, shard after shard. */
    List<Written> readAllRecords() {
        return readAll().values().stream().flatMap(List::stream).toList();
    }
}
