package io.kinesishydrator.pipeline;

import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** A Kinesis stream's shards, read with the Kinesis API. */
final class KinesisShards implements StreamShards {
    private final KinesisClient kinesis;
    private final String streamArn;

    KinesisShards(KinesisClient kinesis, String streamArn) {
        this.kinesis = kinesis;
        this.streamArn = streamArn;
    }

    @Override
    public StreamSource source() {
        return StreamSource.KINESIS;
    }

    @Override
    public String streamArn() {
        return streamArn;
    }

    @Override
    public List<String> shardIds() {
        return kinesis.listShards(request -> request.streamARN(streamArn)).shards().stream().map(Shard::shardId).toList();
    }

    @Override
    public String iterator(String shardId, String position) {
        return kinesis.getShardIterator(request -> request.streamARN(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.fromValue(position))).shardIterator();
    }

    @Override
    public ShardPage read(String iterator, int limit) {
        GetRecordsResponse page = kinesis.getRecords(request -> request.streamARN(streamArn).shardIterator(iterator).limit(limit));
        List<StreamRecord> records = page.records().stream().<StreamRecord>map(KinesisStreamRecord::new).toList();
        return new ShardPage(records, page.nextShardIterator(),
                records.isEmpty() && Long.valueOf(0).equals(page.millisBehindLatest()));
    }
}
