package io.kinesishydrator.hydrate;

import java.util.ArrayList;
import java.util.List;

/**
 * What the hydrate handler returns: one entry per SNS record. SNS invokes asynchronously and discards it, so
 * it serves {@code sam local invoke} and tests. A JavaBean because Lambda's serializer writes those.
 */
public class HydrateSummary {
    private final List<Hydrator.HydrationResult> results = new ArrayList<>();

    void add(Hydrator.HydrationResult result) {
        results.add(result);
    }

    public int getNotifications() {
        return results.size();
    }

    public int getRecordsHydrated() {
        return results.stream().mapToInt(Hydrator.HydrationResult::recordsHydrated).sum();
    }

    public int getDlqMessages() {
        return results.stream().mapToInt(Hydrator.HydrationResult::dlqMessages).sum();
    }

    public List<String> getStatuses() {
        return results.stream().map(Hydrator.HydrationResult::status).toList();
    }

    public List<String> getBatchKeys() {
        return results.stream().map(Hydrator.HydrationResult::batchKey).toList();
    }
}
