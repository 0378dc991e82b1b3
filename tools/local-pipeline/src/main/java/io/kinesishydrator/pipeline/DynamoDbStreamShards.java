package io.kinesishydrator.pipeline;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** A DynamoDB table's stream's shards, read with the DynamoDB Streams API. */
final class DynamoDbStreamShards implements StreamShards {
    /** GetRecords' largest page. */
    private static final int MAX_LIMIT = 1_000;

    private final DynamoDbStreamsClient streams;
    private final String streamArn;

    DynamoDbStreamShards(DynamoDbStreamsClient streams, String streamArn) {
        this.streams = streams;
        this.streamArn = streamArn;
    }

    @Override
    public StreamSource source() {
        return StreamSource.DYNAMODB;
    }

    @Override
    public String streamArn() {
        return streamArn;
    }

    /** Every shard, parents before children, through DescribeStream's pages. */
    @Override
    public List<String> shardIds() {
        List<String> shardIds = new ArrayList<>();
        String after = null;
        do {
            String start = after;
            StreamDescription description = streams.describeStream(request -> request.streamArn(streamArn)
                    .exclusiveStartShardId(start)).streamDescription();
            description.shards().stream().map(Shard::shardId).forEach(shardIds::add);
            after = description.lastEvaluatedShardId();
        } while (after != null);
        return shardIds;
    }

    @Override
    public String iterator(String shardId, String position) {
        return streams.getShardIterator(request -> request.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.fromValue(position))).shardIterator();
    }

    /** DynamoDB Streams has no MillisBehindLatest: an empty page is how an open shard says it has nothing newer. */
    @Override
    public ShardPage read(String iterator, int limit) {
        GetRecordsResponse page = streams.getRecords(request -> request.shardIterator(iterator).limit(Math.min(limit, MAX_LIMIT)));
        List<StreamRecord> records = page.records().stream().<StreamRecord>map(DynamoDbStreamRecord::new).toList();
        return new ShardPage(records, page.nextShardIterator(), records.isEmpty());
    }
}
