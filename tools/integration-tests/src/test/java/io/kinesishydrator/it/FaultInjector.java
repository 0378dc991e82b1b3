package io.kinesishydrator.it;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Injects faults into real calls to the local servers, inside the SDK client: a planned error instead of a
 * call, a delay before one, or a request or response changed on its way. Each call is recorded.
 */
final class FaultInjector implements ExecutionInterceptor {
    private final Map<Class<?>, Deque<Supplier<? extends RuntimeException>>> failures = new ConcurrentHashMap<>();
    private final Map<Class<?>, Duration> delays = new ConcurrentHashMap<>();
    private final Map<Class<?>, Deque<UnaryOperator<SdkRequest>>> requestChanges = new ConcurrentHashMap<>();
    private final Map<Class<?>, Deque<UnaryOperator<SdkResponse>>> responseChanges = new ConcurrentHashMap<>();
    private final Map<Class<?>, UnaryOperator<SdkRequest>> everyRequest = new ConcurrentHashMap<>();
    private final List<SdkRequest> calls = Collections.synchronizedList(new ArrayList<>());
    private volatile int trimmedHead;
    private volatile int toDrop;

    /** The next {@code times} calls of {@code operation} fail with {@code error} instead of reaching the server. */
    FaultInjector fail(Class<? extends SdkRequest> operation, int times, Supplier<? extends RuntimeException> error) {
        Deque<Supplier<? extends RuntimeException>> planned = failures.computeIfAbsent(operation, o -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            planned.add(error);
        }
        return this;
    }

    /** After {@code skip} calls of {@code operation}, the next one fails with {@code error}. */
    FaultInjector failAfter(Class<? extends SdkRequest> operation, int skip, Supplier<? extends RuntimeException> error) {
        Deque<Supplier<? extends RuntimeException>> planned = failures.computeIfAbsent(operation, o -> new ArrayDeque<>());
        for (int i = 0; i < skip; i++) {
            planned.add(() -> null);
        }
        planned.add(error);
        return this;
    }

    FaultInjector delay(Class<? extends SdkRequest> operation, Duration delay) {
        delays.put(operation, delay);
        return this;
    }

    /** Changes every request of {@code operation} before it is sent. */
    @SuppressWarnings("unchecked")
    <T extends SdkRequest> FaultInjector changeEveryRequest(Class<T> operation, UnaryOperator<T> change) {
        everyRequest.put(operation, request -> change.apply((T) request));
        return this;
    }

    /** Changes the next request of {@code operation}, then the next response of {@code responseType}. */
    @SuppressWarnings("unchecked")
    <Q extends SdkRequest, R extends SdkResponse> FaultInjector changeNextCall(Class<Q> operation, UnaryOperator<Q> request,
                                                                          Class<R> responseType, UnaryOperator<R> response) {
        requestChanges.computeIfAbsent(operation, o -> new ArrayDeque<>()).add(r -> request.apply((Q) r));
        responseChanges.computeIfAbsent(responseType, o -> new ArrayDeque<>()).add(r -> response.apply((R) r));
        return this;
    }

    /** Changes the next response of {@code responseType}. */
    @SuppressWarnings("unchecked")
    <R extends SdkResponse> FaultInjector changeNextResponse(Class<R> responseType, UnaryOperator<R> response) {
        responseChanges.computeIfAbsent(responseType, o -> new ArrayDeque<>()).add(r -> response.apply((R) r));
        return this;
    }

    /**
     * Every read from an {@code AT_SEQUENCE_NUMBER} iterator misses its first {@code count} records, as a
     * shard does once retention has trimmed them.
     */
    FaultInjector dropFirstRecordsOfEveryRead(int count) {
        trimmedHead = count;
        return this;
    }

    /** The requests of {@code operation} made so far, as the client sent them (after any change). */
    <T extends SdkRequest> List<T> calls(Class<T> operation) {
        synchronized (calls) {
            return calls.stream().filter(operation::isInstance).map(operation::cast).toList();
        }
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        UnaryOperator<SdkRequest> always = everyRequest.get(request.getClass());
        if (always != null) {
            request = always.apply(request);
        }
        Deque<UnaryOperator<SdkRequest>> once = requestChanges.get(request.getClass());
        UnaryOperator<SdkRequest> change = once == null ? null : once.poll();
        return change == null ? request : change.apply(request);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        calls.add(request);
        Duration delay = delays.get(request.getClass());
        if (delay != null) {
            sleep(delay);
        }
        Deque<Supplier<? extends RuntimeException>> planned = failures.get(request.getClass());
        Supplier<? extends RuntimeException> failure = planned == null ? null : planned.poll();
        RuntimeException error = failure == null ? null : failure.get();
        if (error != null) {
            throw error;
        }
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (context.request() instanceof GetShardIteratorRequest iterator
                && iterator.shardIteratorType() == ShardIteratorType.AT_SEQUENCE_NUMBER) {
            toDrop = trimmedHead;
        }
        if (context.response() instanceof GetRecordsResponse page && toDrop > 0) {
            int dropped = Math.min(toDrop, page.records().size());
            toDrop -= dropped;
            return page.toBuilder().records(page.records().subList(dropped, page.records().size())).build();
        }
        Deque<UnaryOperator<SdkResponse>> once = responseChanges.get(context.response().getClass());
        UnaryOperator<SdkResponse> change = once == null ? null : once.poll();
        return change == null ? context.response() : change.apply(context.response());
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
