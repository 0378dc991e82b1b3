package io.kinesishydrator.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Injects faults into real calls to the local servers, inside the SDK client: a planned error instead of an
 * attempt, a delay before one, a request or response changed on its way, or PutRecords entries refused as a
 * throttled shard refuses them. Each call is recorded as the client made it, and each attempt is counted.
 */
public final class FaultInjector implements ExecutionInterceptor {
    /** Decides, for the {@code call}-th PutRecords call (from 1), whether an entry is refused: its error code, or null. */
    @FunctionalInterface
    public interface EntryFault {
        String errorCode(int call, PutRecordsRequestEntry entry);
    }

    private final Map<Class<?>, Deque<Supplier<? extends RuntimeException>>> failures = new ConcurrentHashMap<>();
    private final Map<Class<?>, Duration> delays = new ConcurrentHashMap<>();
    private final Map<Class<?>, UnaryOperator<SdkRequest>> everyRequest = new ConcurrentHashMap<>();
    private final Map<Class<?>, Deque<UnaryOperator<SdkRequest>>> requestChanges = new ConcurrentHashMap<>();
    private final Map<Class<?>, Deque<UnaryOperator<SdkResponse>>> responseChanges = new ConcurrentHashMap<>();
    private final PutRecordsRefusal refusal = new PutRecordsRefusal();
    private final List<SdkRequest> calls = new ArrayList<>();
    private final Map<Class<?>, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private volatile int trimmedHead;
    private volatile int toDrop;

    /** The next {@code times} attempts of {@code operation} fail with {@code error} instead of reaching the server. */
    public FaultInjector fail(Class<? extends SdkRequest> operation, int times, Supplier<? extends RuntimeException> error) {
        Deque<Supplier<? extends RuntimeException>> planned = planned(operation);
        for (int i = 0; i < times; i++) {
            planned.add(error);
        }
        return this;
    }

    /** After {@code skip} attempts of {@code operation}, the next one fails with {@code error}. */
    public FaultInjector failAfter(Class<? extends SdkRequest> operation, int skip, Supplier<? extends RuntimeException> error) {
        Deque<Supplier<? extends RuntimeException>> planned = planned(operation);
        for (int i = 0; i < skip; i++) {
            planned.add(() -> null);
        }
        planned.add(error);
        return this;
    }

    private Deque<Supplier<? extends RuntimeException>> planned(Class<? extends SdkRequest> operation) {
        return failures.computeIfAbsent(operation, o -> new ConcurrentLinkedDeque<>());
    }

    /** Every attempt of {@code operation} waits {@code delay} before it is sent. */
    public FaultInjector delay(Class<? extends SdkRequest> operation, Duration delay) {
        delays.put(operation, delay);
        return this;
    }

    /** Changes every request of {@code operation} before it is sent. */
    @SuppressWarnings("unchecked")
    public <T extends SdkRequest> FaultInjector changeEveryRequest(Class<T> operation, UnaryOperator<T> change) {
        everyRequest.put(operation, request -> change.apply((T) request));
        return this;
    }

    /** Changes the next request of {@code operation}, then the next response of {@code responseType}. */
    @SuppressWarnings("unchecked")
    public <Q extends SdkRequest, R extends SdkResponse> FaultInjector changeNextCall(Class<Q> operation, UnaryOperator<Q> request,
                                                                                 Class<R> responseType, UnaryOperator<R> response) {
        requestChanges.computeIfAbsent(operation, o -> new ConcurrentLinkedDeque<>()).add(r -> request.apply((Q) r));
        return changeNextResponse(responseType, response);
    }

    /** Changes the next response of {@code responseType}. */
    @SuppressWarnings("unchecked")
    public <R extends SdkResponse> FaultInjector changeNextResponse(Class<R> responseType, UnaryOperator<R> response) {
        responseChanges.computeIfAbsent(responseType, o -> new ConcurrentLinkedDeque<>()).add(r -> response.apply((R) r));
        return this;
    }

    /**
     * Every read from an {@code AT_SEQUENCE_NUMBER} iterator misses its first {@code count} records, as a
     * shard does once retention has trimmed them.
     */
    public FaultInjector dropFirstRecordsOfEveryRead(int count) {
        trimmedHead = count;
        return this;
    }

    /** PutRecords entries for which {@code fault} names an error code are refused with it (see {@link PutRecordsRefusal}). */
    public FaultInjector refuse(EntryFault fault) {
        refusal.refuse(fault);
        return this;
    }

    /** The requests of {@code operation} made so far, one per call, as the client made them (before any change or refusal). */
    public <T extends SdkRequest> List<T> calls(Class<T> operation) {
        synchronized (calls) {
            return calls.stream().filter(operation::isInstance).map(operation::cast).toList();
        }
    }

    /** How many times {@code operation} was about to be sent, the SDK's own retries of a call included. */
    public int attempts(Class<? extends SdkRequest> operation) {
        AtomicInteger count = attempts.get(operation);
        return count == null ? 0 : count.get();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        int call = record(request);
        UnaryOperator<SdkRequest> always = everyRequest.get(request.getClass());
        if (always != null) {
            request = always.apply(request);
        }
        Deque<UnaryOperator<SdkRequest>> once = requestChanges.get(request.getClass());
        UnaryOperator<SdkRequest> change = once == null ? null : once.poll();
        if (change != null) {
            request = change.apply(request);
        }
        return request instanceof PutRecordsRequest put ? refusal.takeOutRefused(call, put, attributes) : request;
    }

    /** Records {@code request} and returns which call of its operation it is, from 1. */
    private int record(SdkRequest request) {
        synchronized (calls) {
            calls.add(request);
            return (int) calls.stream().filter(call -> call.getClass() == request.getClass()).count();
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        attempts.computeIfAbsent(request.getClass(), o -> new AtomicInteger()).incrementAndGet();
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
        SdkResponse response = context.response() instanceof PutRecordsResponse put ? refusal.restore(put, attributes) : context.response();
        if (response instanceof GetRecordsResponse page && toDrop > 0) {
            int dropped = Math.min(toDrop, page.records().size());
            toDrop -= dropped;
            return page.toBuilder().records(page.records().subList(dropped, page.records().size())).build();
        }
        Deque<UnaryOperator<SdkResponse>> once = responseChanges.get(response.getClass());
        UnaryOperator<SdkResponse> change = once == null ? null : once.poll();
        return change == null ? response : change.apply(response);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
