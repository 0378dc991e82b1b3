package io.kinesishydrator.pipeline;

import java.io.PrintStream;
import java.util.List;

/** Prints a run's outcome for a person: counts, the dead-letter messages with their records, the reconciliation. */
final class PipelineReport {
    private static final int MESSAGES_SHOWN = 10;
    private static final int RECORDS_SHOWN = 3;
    private static final int TEXT_SHOWN = 90;

    private PipelineReport() {
    }

    static void print(PipelineResult result, PrintStream out) {
        PipelineStats stats = result.stats();
        out.println();
        out.println("Results");
        line(out, "stream", result.source().description());
        line(out, "records produced", result.produced().size() + " (" + result.poison() + " poison)");
        int repeats = result.processing().repeats();
        line(out, "records processed", result.processed().size()
                + (repeats > 0 ? " (+" + Counted.of(repeats, "repeated delivery", "repeated deliveries") + ")" : ""));
        line(out, "invocations", stats.invocations.get());
        line(out, "batches retried", stats.retriedBatches.get());
        line(out, "bisect steps", stats.bisections.get());
        line(out, "OnFailure records", stats.onFailureRecords.size() + " " + stats.onFailureByCondition
                + ", covering " + Counted.of(stats.discardedRecords.get(), "record"));
        OnFailureDestinationType destination = result.destination();
        line(out, "OnFailure destination", destination.destination() + " (" + destination.server() + ")");
        line(out, "hydrate", result.hydrating() ? destination.intake()
                : "none: no function of the template takes the OnFailure records, which stay in the destination");
        line(out, "hydrated", Counted.of(result.hydrated(), "OnFailure record")
                + (result.hydrateFailures() > 0 ? ", " + result.hydrateFailures() + " " + destination.failedHydrations() : ""));
        line(out, "function logs", result.functionLogs());
        DeadLetterQueueContents deadLetters = result.deadLetters();
        line(out, "DLQ messages", deadLetters.hydrated().size() + " for " + Counted.of(deadLetters.batches(), "failed batch", "failed batches")
                + ", holding " + Counted.of(deadLetters.sequenceNumbers().size(), "hydrated record")
                + (deadLetters.otherMessages() > 0 ? "; " + Counted.of(deadLetters.otherMessages(), "other message") : ""));
        printDeadLetters(deadLetters, out);
        printReconciliation(result, out);
    }

    private static void printDeadLetters(DeadLetterQueueContents deadLetters, PrintStream out) {
        List<DeadLetterQueueContents.HydratedMessage> messages = deadLetters.hydrated();
        for (DeadLetterQueueContents.HydratedMessage message : messages.subList(0, Math.min(MESSAGES_SHOWN, messages.size()))) {
            out.println("    " + message.condition() + " " + message.shardId() + " part " + message.part() + (message.parts() == null ? "" : "/" + message.parts())
                    + " " + message.status() + (message.reason() == null ? "" : " (" + message.reason() + ")")
                    + ": " + Counted.of(message.records().size(), "record"));
            for (DeadLetterQueueContents.HydratedRecord record : message.records().subList(0,
                    Math.min(RECORDS_SHOWN, message.records().size()))) {
                out.println("      ..." + tail(record.sequenceNumber()) + " " + record.partitionKey() + " " + shorten(record.text()));
            }
            if (message.records().size() > RECORDS_SHOWN) {
                out.println("      (" + (message.records().size() - RECORDS_SHOWN) + " more)");
            }
        }
        if (messages.size() > MESSAGES_SHOWN) {
            out.println("    (" + Counted.of(messages.size() - MESSAGES_SHOWN, "more message") + ")");
        }
    }

    private static void printReconciliation(PipelineResult result, PrintStream out) {
        List<DemoProducer.Produced> lost = result.lost();
        out.println();
        out.println("Reconciliation");
        out.println("  " + result.produced().size() + " produced = " + result.processed().size() + " processed + "
                + result.deadLetters().sequenceNumbers().size() + " in the DLQ"
                + " (records after a poison record in its batch are retried with it, and land in the DLQ with it)");
        if (result.blockedShard() != null) {
            out.println("  BLOCKED: " + result.blockedShard());
        }
        if (!result.processing().inShardOrder()) {
            out.println("  OUT OF ORDER: a shard's records were processed out of sequence-number order");
        }
        out.println(lost.isEmpty() ? "  nothing lost" : "  LOST " + Counted.of(lost.size(), "record") + ": "
                + lost.subList(0, Math.min(5, lost.size())).stream().map(DemoProducer.Produced::sequenceNumber).toList());
        out.println(result.reconciled() ? "OK" : "FAILED");
    }

    private static void line(PrintStream out, String label, Object value) {
        out.printf("  %-22s %s%n", label, value);
    }

    private static String tail(String sequenceNumber) {
        return sequenceNumber.substring(Math.max(0, sequenceNumber.length() - 8));
    }

    private static String shorten(String text) {
        return text.length() <= TEXT_SHOWN ? text : text.substring(0, TEXT_SHOWN) + "...";
    }
}
