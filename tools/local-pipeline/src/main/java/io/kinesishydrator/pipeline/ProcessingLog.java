package io.kinesishydrator.pipeline;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import io.kinesishydrator.consumer.RecordProcessor;
import io.kinesishydrator.consumer.ShardIds;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which records the consumer's processor completed, per shard, in the order it completed them: the evidence
 * for "processed" in the reconciliation, and for per-shard order.
 */
final class ProcessingLog {
    private final Map<String, List<String>> completedByShard = new LinkedHashMap<>();
    private int completions;

    /** Wraps {@code processor} so every record it completes is logged. */
    RecordProcessor recording(RecordProcessor processor) {
        return record -> {
            processor.process(record);
            completed(record);
        };
    }

    private synchronized void completed(KinesisEventRecord record) {
        String shardId = ShardIds.fromEventId(record.getEventID());
        completedByShard.computeIfAbsent(shardId, s -> new ArrayList<>()).add(record.getKinesis().getSequenceNumber());
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
