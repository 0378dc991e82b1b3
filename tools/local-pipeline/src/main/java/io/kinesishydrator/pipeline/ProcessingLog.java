package io.kinesishydrator.pipeline;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which records the consumer completed, per shard, in the order it completed them: the evidence for "processed"
 * in the reconciliation, and for per-shard order. The consumer runs in its own JVM, so a record is completed when
 * the event source mapping takes the function's answer as success for it and checkpoints past it.
 */
final class ProcessingLog implements EventSourceMappingObserver {
    private final Map<String, List<String>> completedByShard = new LinkedHashMap<>();
    private int completions;

    @Override
    public void checkpointed(String shardId, List<StreamRecord> records) {
        records.forEach(record -> completed(shardId, record.sequenceNumber()));
    }

    /** One record completed. */
    synchronized void completed(String shardId, String sequenceNumber) {
        completedByShard.computeIfAbsent(shardId, s -> new ArrayList<>()).add(sequenceNumber);
        completions++;
    }

    synchronized Set<String> processed() {
        Set<String> processed = new LinkedHashSet<>();
        completedByShard.values().forEach(processed::addAll);
        return processed;
    }

    /** Completions beyond the first of each record: at-least-once delivery at work. */
    synchronized int repeats() {
        return completions - processed().size();
    }

    /** Whether each shard's records were first completed in sequence-number order. */
    synchronized boolean inShardOrder() {
        for (List<String> completed : completedByShard.values()) {
            BigInteger last = BigInteger.valueOf(-1);
            Set<String> seen = new LinkedHashSet<>();
            for (String sequenceNumber : completed) {
                if (!seen.add(sequenceNumber)) {
                    continue;
                }
                BigInteger current = new BigInteger(sequenceNumber);
                if (current.compareTo(last) <= 0) {
                    return false;
                }
                last = current;
            }
        }
        return true;
    }
}
