package io.kinesishydrator.pipeline;

import java.util.List;

/** What the event source mapping did, as it happens: for the report, the progress line and the tests. */
interface EventSourceMappingObserver {
    /** The function was invoked with {@code batch} (of {@code shardId}). */
    default void invoked(String shardId, List<StreamRecord> batch) {
    }

    /** The function answered the invocation with {@code batch}: its response, or its function error. */
    default void returned(String shardId, List<StreamRecord> batch, LambdaInvoker.Result result) {
    }

    /** The function succeeded for these records; the checkpoint moved past them. */
    default void checkpointed(String shardId, List<StreamRecord> records) {
    }

    /** These records failed and will be sent again. */
    default void retrying(String shardId, List<StreamRecord> records) {
    }

    /** A failing batch was split in two. */
    default void bisected(String shardId, List<StreamRecord> first, List<StreamRecord> second) {
    }

    /** The mapping gave up on these records and sent {@code onFailureRecord} to the destination. */
    default void discarded(String shardId, List<StreamRecord> records, String condition, String onFailureRecord) {
    }

    /** Tells each of {@code observers}, in order. */
    static EventSourceMappingObserver all(EventSourceMappingObserver... observers) {
        List<EventSourceMappingObserver> each = List.of(observers);
        return new EventSourceMappingObserver() {
            @Override
            public void invoked(String shardId, List<StreamRecord> batch) {
                each.forEach(observer -> observer.invoked(shardId, batch));
            }

            @Override
            public void returned(String shardId, List<StreamRecord> batch, LambdaInvoker.Result result) {
                each.forEach(observer -> observer.returned(shardId, batch, result));
            }

            @Override
            public void checkpointed(String shardId, List<StreamRecord> records) {
                each.forEach(observer -> observer.checkpointed(shardId, records));
            }

            @Override
            public void retrying(String shardId, List<StreamRecord> records) {
                each.forEach(observer -> observer.retrying(shardId, records));
            }

            @Override
            public void bisected(String shardId, List<StreamRecord> first, List<StreamRecord> second) {
                each.forEach(observer -> observer.bisected(shardId, first, second));
            }

            @Override
            public void discarded(String shardId, List<StreamRecord> records, String condition, String onFailureRecord) {
                each.forEach(observer -> observer.discarded(shardId, records, condition, onFailureRecord));
            }
        };
    }
}
