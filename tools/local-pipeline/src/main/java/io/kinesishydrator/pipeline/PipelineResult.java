package io.kinesishydrator.pipeline;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The outcome of a local run, and the reconciliation: every produced record processed or in the DLQ.
 *
 * @param destination     the OnFailure destination played, and so the hydrate's intake
 * @param hydrated        OnFailure records the hydrate took from the destination
 * @param hydrateFailures failed hydrate invocations (asynchronous: after retries) or failed SQS batch items
 * @param source          the kind of stream played: a Kinesis stream or a DynamoDB table's stream
 */
record PipelineResult(List<DemoProducer.Produced> produced, ProcessingLog processing, PipelineStats stats,
                      OnFailureDestinationType destination, int hydrated, int hydrateFailures,
                      DeadLetterQueueContents deadLetters, String blockedShard, StreamSource source) {

    Set<String> processed() {
        return processing.processed();
    }

    /** Records neither processed nor in the dead-letter queue. */
    Set<String> lost() {
        Set<String> lost = new LinkedHashSet<>();
        Set<String> processed = processed();
        Set<String> inDeadLetterQueue = deadLetters.sequenceNumbers();
        for (DemoProducer.Produced record : produced) {
            if (!processed.contains(record.sequenceNumber()) && !inDeadLetterQueue.contains(record.sequenceNumber())) {
                lost.add(record.sequenceNumber());
            }
        }
        return lost;
    }

    int poison() {
        return (int) produced.stream().filter(DemoProducer.Produced::poison).count();
    }

    /** Nothing lost, no poison record processed, and per-shard order kept. */
    boolean reconciled() {
        Set<String> processed = processed();
        return lost().isEmpty() && blockedShard == null && processing.inShardOrder()
                && produced.stream().filter(DemoProducer.Produced::poison).noneMatch(r -> processed.contains(r.sequenceNumber()));
    }
}
