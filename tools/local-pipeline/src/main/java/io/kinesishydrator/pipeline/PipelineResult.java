package io.kinesishydrator.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The outcome of a local run, and the reconciliation: every produced record processed or in the DLQ.
 *
 * @param invocations     the event source mapping's invocations of the consumer, with its answers
 * @param destination     the OnFailure destination played, and so the hydrate's intake
 * @param hydrating       whether a function of the template takes the destination's OnFailure records
 * @param hydrated        OnFailure records the hydrate took from the destination
 * @param hydrateFailures failed hydrate invocations (asynchronous: after retries) or failed SQS batch items
 * @param functionLogs    the folder of the functions' logs
 * @param source          the kind of stream played: a Kinesis stream or a DynamoDB table's stream
 */
record PipelineResult(List<DemoProducer.Produced> produced, ProcessingLog processing, PipelineStats stats,
                      InvocationLog invocations, OnFailureDestinationType destination, boolean hydrating, int hydrated,
                      int hydrateFailures, DeadLetterQueueContents deadLetters, String blockedShard, Path functionLogs,
                      StreamSource source) {

    Set<String> processed() {
        return processing.processed();
    }

    /** Records neither processed nor in the dead-letter queue, in put order. */
    List<DemoProducer.Produced> lost() {
        Set<String> processed = processed();
        Set<String> inDeadLetterQueue = deadLetters.sequenceNumbers();
        return produced.stream()
                .filter(record -> !processed.contains(record.sequenceNumber()) && !inDeadLetterQueue.contains(record.sequenceNumber()))
                .toList();
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
