package io.kinesishydrator.redrive;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What a redrive did, counted as it goes (a progress line reads it from another thread) and printed at the end. */
final class RedriveSummary {

    /** Why a message stays in the queue. */
    enum Left {
        NOT_SELECTED("not selected by --shard or --condition"),
        NOT_IN_SCHEMA("not in the hydrate's schema"),
        OFFLOADED_BODY_UNREADABLE("whose body, offloaded to S3, could not be read"),
        TRUNCATED_RECORDS("holding truncated records (no data to put)"),
        REDRIVE_LIMIT("holding records redriven --max-redrives times already"),
        KEY_TOO_LONG_TO_MARK("holding partition keys with no room for the redrive mark"),
        RECORDS_TOO_LARGE_FOR_STREAM("holding records over their stream's maximum record size"),
        STREAM_NOT_FOUND("for a stream that does not exist"),
        SHARDS_NOT_LISTED("for a stream whose shards could not be listed"),
        RECORDS_NOT_PUT("with records that could not be put"),
        HOLD_LOST("whose visibility timeout ran out before their turn");

        private final String description;

        Left(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    private final boolean dryRun;
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger redriven = new AtomicInteger();
    private final AtomicInteger putButNotDeleted = new AtomicInteger();
    private final AtomicInteger offloadedBodiesNotDeleted = new AtomicInteger();
    private final AtomicInteger truncatedRecords = new AtomicInteger();
    private final AtomicLong recordsPut = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final Map<Left, AtomicInteger> left = new EnumMap<>(Left.class);
    private final Map<Routing, AtomicLong> routed = new EnumMap<>(Routing.class);
    private final Map<String, Integer> notPutByErrorCode = new TreeMap<>();
    private volatile boolean stoppedAtMaxMessages;

    RedriveSummary(boolean dryRun) {
        this.dryRun = dryRun;
        for (Left reason : Left.values()) {
            left.put(reason, new AtomicInteger());
        }
        for (Routing routing : Routing.values()) {
            routed.put(routing, new AtomicLong());
        }
    }

    void received() {
        received.incrementAndGet();
    }

    /** A message whose records were put and which was deleted, or in a dry run one that would be. */
    void redriven(int records) {
        redriven.incrementAndGet();
        if (dryRun) {
            recordsPut.addAndGet(records);
        }
    }

    /** The routes of the records of a message sent to PutRecords, or in a dry run of one that would be. */
    void routed(List<ShardMap.Route> routes) {
        routes.forEach(route -> routed.get(route.routing()).incrementAndGet());
    }

    void left(Left reason) {
        left.get(reason).incrementAndGet();
    }

    void truncatedRecords(int count) {
        truncatedRecords.addAndGet(count);
    }

    void sent(SendResult result) {
        recordsPut.addAndGet(result.put().size());
        calls.addAndGet(result.calls());
        resent.addAndGet(result.resentEntries());
        synchronized (notPutByErrorCode) {
            result.notPutByErrorCode().forEach((code, count) -> notPutByErrorCode.merge(code, count, Integer::sum));
        }
    }

    void putButNotDeleted() {
        putButNotDeleted.incrementAndGet();
    }

    /** A message redriven and deleted whose body, offloaded to S3, could not be deleted after it. */
    void offloadedBodyNotDeleted() {
        offloadedBodiesNotDeleted.incrementAndGet();
    }

    void stoppedAtMaxMessages() {
        stoppedAtMaxMessages = true;
    }

    int messagesLeft(Left reason) {
        return left.get(reason).get();
    }

    int messagesRedriven() {
        return redriven.get();
    }

    long recordsPut() {
        return recordsPut.get();
    }

    /** Messages left for a reason other than the filters: they need the operator's attention. */
    private int messagesLeftForAReason() {
        return left.entrySet().stream().filter(entry -> entry.getKey() != Left.NOT_SELECTED)
                .mapToInt(entry -> entry.getValue().get()).sum();
    }

    /** 0 when every selected message was redriven (or would be, in a dry run), 1 when any needs attention. */
    int exitCode() {
        return messagesLeftForAReason() == 0 && putButNotDeleted.get() == 0 && offloadedBodiesNotDeleted.get() == 0 ? 0 : 1;
    }

    /** One line for the progress ticker. */
    String progress() {
        return received.get() + " messages read, " + redriven.get() + (dryRun ? " would be redriven, " : " redriven, ")
                + messagesLeftForAReason() + " left; " + recordsPut.get() + (dryRun ? " records would be put" : " records put, "
                + resent.get() + " resent");
    }

    void print(PrintWriter out) {
        out.println();
        out.println(dryRun ? "Redrive summary (dry run: nothing was put or deleted)" : "Redrive summary");
        row(out, "messages read", received.get());
        row(out, dryRun ? "messages that would be redriven" : "messages redriven and deleted", redriven.get());
        for (Map.Entry<Left, AtomicInteger> reason : left.entrySet()) {
            if (reason.getValue().get() > 0) {
                row(out, "left in the queue: " + reason.getKey().description(), reason.getValue().get());
            }
        }
        if (truncatedRecords.get() > 0) {
            row(out, "truncated records (not redrivable)", truncatedRecords.get());
        }
        if (dryRun) {
            row(out, "records that would be put", recordsPut.get());
        } else {
            out.printf("  %-64s %d in %d PutRecords calls, %d entries resent%n", "records put", recordsPut.get(), calls.get(), resent.get());
            synchronized (notPutByErrorCode) {
                notPutByErrorCode.forEach((code, count) -> row(out, "records not put: " + code, count));
            }
        }
        for (Map.Entry<Routing, AtomicLong> routing : routed.entrySet()) {
            if (routing.getValue().get() > 0) {
                row(out, (dryRun ? "records that would be routed " : "records routed ") + routing.getKey().description(),
                        routing.getValue().get());
            }
        }
        if (putButNotDeleted.get() > 0) {
            row(out, "messages put but NOT deleted (a later run puts them again)", putButNotDeleted.get());
        }
        if (offloadedBodiesNotDeleted.get() > 0) {
            row(out, "offloaded bodies NOT deleted from S3 (their messages were)", offloadedBodiesNotDeleted.get());
        }
        if (stoppedAtMaxMessages) {
            out.println("  stopped at --max-messages: more messages may be waiting; run again");
        }
        out.println(verdict());
    }

    private String verdict() {
        int needAttention = messagesLeftForAReason();
        if (exitCode() == 0) {
            return dryRun ? "OK: every selected message can be redriven." : "OK: every selected message was redriven.";
        }
        StringBuilder verdict = new StringBuilder("NOT DONE:");
        if (needAttention > 0) {
            verdict.append(' ').append(needAttention).append(" message(s) left in the queue, each named above with the reason.");
        }
        if (putButNotDeleted.get() > 0) {
            verdict.append(' ').append(putButNotDeleted.get())
                    .append(" message(s) were put but could not be deleted: delete them by hand, or a later run puts their records again.");
        }
        if (offloadedBodiesNotDeleted.get() > 0) {
            verdict.append(' ').append(offloadedBodiesNotDeleted.get())
                    .append(" message(s) were redriven and deleted, but their bodies are still in S3, each named above: delete them by hand.");
        }
        return verdict.toString();
    }

    private static void row(PrintWriter out, String label, long value) {
        out.printf("  %-64s %d%n", label, value);
    }
}
