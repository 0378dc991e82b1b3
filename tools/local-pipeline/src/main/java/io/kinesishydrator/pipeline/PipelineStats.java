package io.kinesishydrator.pipeline;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts what the event source mapping did; read by the progress line while the run goes on. */
final class PipelineStats implements EventSourceMappingObserver {
    final AtomicInteger invocations = new AtomicInteger();
    final AtomicInteger checkpointedRecords = new AtomicInteger();
    final AtomicInteger retriedBatches = new AtomicInteger();
    final AtomicInteger bisections = new AtomicInteger();
    final AtomicInteger discardedRecords = new AtomicInteger();
    final Map<String, AtomicInteger> onFailureByCondition = new ConcurrentHashMap<>();
    final List<String> onFailureRecords = new CopyOnWriteArrayList<>();

    @Override
    public void invoked(String shardId, List<StreamRecord> batch) {
        invocations.incrementAndGet();
    }

    @Override
    public void checkpointed(String shardId, List<StreamRecord> records) {
        checkpointedRecords.addAndGet(records.size());
    }

    @Override
    public void retrying(String shardId, List<StreamRecord> records) {
        retriedBatches.incrementAndGet();
    }

    @Override
    public void bisected(String shardId, List<StreamRecord> first, List<StreamRecord> second) {
        bisections.incrementAndGet();
    }

    @Override
    public void discarded(String shardId, List<StreamRecord> records, String condition, String onFailureRecord) {
        discardedRecords.addAndGet(records.size());
        onFailureByCondition.computeIfAbsent(condition, c -> new AtomicInteger()).incrementAndGet();
        onFailureRecords.add(onFailureRecord);
    }

    int settled() {
        return checkpointedRecords.get() + discardedRecords.get();
    }
}
