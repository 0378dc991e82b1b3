package io.kinesishydrator.pipeline;

import java.util.ArrayList;
import java.util.List;

/** Every invocation of the consumer by the event source mapping, in order: the batch and what the function answered. */
final class InvocationLog implements EventSourceMappingObserver {
    /** One invocation: the batch's sequence numbers, in order, and the function's response or error. */
    record Invocation(String function, String shardId, List<String> sequenceNumbers, LambdaInvoker.Result result) {
    }

    private final String function;
    private final List<Invocation> invocations = new ArrayList<>();

    /** @param function the consumer's logical id, which every invocation names */
    InvocationLog(String function) {
        this.function = function;
    }

    @Override
    public synchronized void returned(String shardId, List<StreamRecord> batch, LambdaInvoker.Result result) {
        invocations.add(new Invocation(function, shardId, batch.stream().map(StreamRecord::sequenceNumber).toList(), result));
    }

    synchronized List<Invocation> invocations() {
        return List.copyOf(invocations);
    }
}
