package io.kinesishydrator.pipeline;

import java.time.Instant;

/**
 * One record of a stream as the event source mapping handles it, whatever the stream: its place in its shard, its
 * arrival (what {@code MaximumRecordAgeInSeconds} measures) and its share of the invocation's payload. Each source's
 * record keeps what its event JSON needs.
 */
sealed interface StreamRecord permits KinesisStreamRecord, DynamoDbStreamRecord {
    /** The record's sequence number in its shard: the batch item failures' {@code itemIdentifier}. */
    String sequenceNumber();

    /** When the stream took the record in. */
    Instant approximateArrival();

    /** About how many bytes the record takes in the invocation's event, to keep a batch under Lambda's payload limit. */
    long eventBytes();
}
