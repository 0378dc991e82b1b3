package io.kinesishydrator.pipeline;

import java.io.PrintStream;
import java.util.List;

/**
 * Prints each invocation of the consumer, and each OnFailure record, as it happens: the live view of
 * {@code --keep-running}, where records put by hand or by the redrive tool flow through. Silent until
 * {@link #printTo(PrintStream)}, so the run before the report prints only its progress line.
 */
final class InvocationPrinter implements EventSourceMappingObserver {
    private static final int RESPONSE_SHOWN = 160;

    private final String function;
    private volatile PrintStream out;

    /** @param function the consumer's logical id, as the lines name it */
    InvocationPrinter(String function) {
        this.function = function;
    }

    /** From now on, prints to {@code out}. */
    void printTo(PrintStream out) {
        this.out = out;
    }

    @Override
    public void returned(String shardId, List<StreamRecord> batch, LambdaInvoker.Result result) {
        print("invoked " + function + " on " + shardId + " with " + Counted.of(batch.size(), "record") + " "
                + range(batch) + ": " + outcome(result));
    }

    @Override
    public void discarded(String shardId, List<StreamRecord> records, String condition, String onFailureRecord) {
        print("OnFailure record (" + condition + ") for " + Counted.of(records.size(), "record") + " of " + shardId
                + " " + range(records));
    }

    /** What the hydrate made of the OnFailure records delivered since the last call, when it made anything. */
    void delivered(OnFailureDestination.Delivered delivered) {
        if (delivered.hydrated() > 0) {
            print("hydrated " + Counted.of(delivered.hydrated(), "OnFailure record") + " into the dead-letter queue");
        }
        if (delivered.hydrateFailures() > 0) {
            print("the hydrate failed " + Counted.of(delivered.hydrateFailures(), "time"));
        }
    }

    private void print(String line) {
        PrintStream target = out;
        if (target != null) {
            target.println("  " + line);
        }
    }

    private static String outcome(LambdaInvoker.Result result) {
        if (result.failed()) {
            return "function error " + result.functionError().errorType() + ": " + result.functionError().errorMessage();
        }
        String response = result.response();
        if (response == null || response.isBlank()) {
            return "no response";
        }
        return response.length() <= RESPONSE_SHOWN ? response : response.substring(0, RESPONSE_SHOWN) + "...";
    }

    private static String range(List<StreamRecord> records) {
        String first = records.get(0).sequenceNumber();
        String last = records.get(records.size() - 1).sequenceNumber();
        return first.equals(last) ? "(" + first + ")" : "(" + first + " to " + last + ")";
    }
}
