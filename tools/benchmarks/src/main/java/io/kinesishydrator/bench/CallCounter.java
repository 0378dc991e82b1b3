package io.kinesishydrator.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the requests a client puts on the wire, per operation. It counts before each transmission, so a call
 * the SDK retries counts once per attempt: what the service (and its throttling) sees.
 */
final class CallCounter implements ExecutionInterceptor {
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        attempts.computeIfAbsent(operation, ignored -> new AtomicInteger()).incrementAndGet();
    }

    int count(String operation) {
        AtomicInteger count = attempts.get(operation);
        return count == null ? 0 : count.get();
    }

    /** Every operation seen, sorted by name, with its count. */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        attempts.forEach((operation, count) -> counts.put(operation, count.get()));
        return counts;
    }
}
