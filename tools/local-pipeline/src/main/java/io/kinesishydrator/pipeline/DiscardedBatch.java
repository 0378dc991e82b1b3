package io.kinesishydrator.pipeline;

/**
 * What an event source mapping hands its OnFailure destination for records it discards.
 *
 * @param onFailureRecord the OnFailure record, in AWS's format: where the records were, never their data
 * @param shardId         the shard they were read from
 * @param invocationEvent the Kinesis event holding them, which only an S3 destination keeps (as {@code payload})
 */
record DiscardedBatch(String onFailureRecord, String shardId, String invocationEvent) {
}
