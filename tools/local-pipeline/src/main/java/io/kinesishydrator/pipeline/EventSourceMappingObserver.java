package io.kinesishydrator.pipeline;

import java.util.List;
import software.amazon.awssdk.services.kinesis.model.Record;

/** What the event source mapping did, as it happens: for the report, the progress line and the tests. */
interface EventSourceMappingObserver {
    /** The function was invoked with {@code batch} (of {@code shardId}). */
    default void invoked(String shardId, List<Record> batch) {
    }

    /** The function succeeded for these records; the checkpoint moved past them. */
    default void checkpointed(String shardId, List<Record> records) {
    }

    /** These records failed and will be sent again. */
    default void retrying(String shardId, List<Record> records) {
    }

    /** A failing batch was split in two. */
    default void bisected(String shardId, List<Record> first, List<Record> second) {
    }

    /** The mapping gave up on these records and sent {@code onFailureRecord} to the destination. */
    default void discarded(String shardId, List<Record> records, String condition, String onFailureRecord) {
    }
}
