package io.kinesishydrator.pipeline;

import java.util.List;

/** Reads a stream's shards as an event source mapping polls them: one implementation per kind of stream. */
interface StreamShards {
    /** Which kind of stream this is, and so the shape of its events and OnFailure records. */
    StreamSource source();

    String streamArn();

    List<String> shardIds();

    /** An iterator at {@code position} of the shard: {@code TRIM_HORIZON} or {@code LATEST}. */
    String iterator(String shardId, String position);

    /** Up to {@code limit} records from {@code iterator}. */
    ShardPage read(String iterator, int limit);

    /**
     * One page of a shard.
     *
     * @param nextIterator null once a closed shard is read to its end
     * @param caughtUp     whether the page reached the shard's newest record
     */
    record ShardPage(List<StreamRecord> records, String nextIterator, boolean caughtUp) {
    }
}
