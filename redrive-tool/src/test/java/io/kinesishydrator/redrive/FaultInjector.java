package io.kinesishydrator.redrive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Injects PutRecords faults into real calls to kinesis-mock, inside the SDK client, the way Kinesis answers when
 * some shards are throttled: refused entries are taken out of the request before it is sent (so they are not
 * put) and put back into the response at their place, with an {@code ErrorCode}. A call whose every entry is
 * refused fails as a whole, with a throttling error. Every PutRecords request is recorded as the client made it.
 */
final class FaultInjector implements ExecutionInterceptor {
    private static final ExecutionAttribute<Map<Integer, String>> REFUSED = new ExecutionAttribute<>("refusedEntries");

    /** Decides, for the {@code call}-th PutRecords call (from 1), whether an entry is refused: its error code, or null. */
    @FunctionalInterface
    interface EntryFault {
        String errorCode(int call, PutRecordsRequestEntry entry);
    }

    private final List<PutRecordsRequest> calls = Collections.synchronizedList(new ArrayList<>());
    private volatile EntryFault fault = (call, entry) -> null;

    FaultInjector refuse(EntryFault fault) {
        this.fault = fault;
        return this;
    }

    /** The PutRecords requests made so far, before any entry was taken out. */
    List<PutRecordsRequest> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof PutRecordsRequest request)) {
            return context.request();
        }
        int call;
        synchronized (calls) {
            calls.add(request);
            call = calls.size();
        }
        Map<Integer, String> refused = new LinkedHashMap<>();
        List<PutRecordsRequestEntry> kept = new ArrayList<>();
        for (int i = 0; i < request.records().size(); i++) {
            String errorCode = fault.errorCode(call, request.records().get(i));
            if (errorCode == null) {
                kept.add(request.records().get(i));
            } else {
                refused.put(i, errorCode);
            }
        }
        if (refused.isEmpty()) {
            return request;
        }
        if (kept.isEmpty()) {
            throw ProvisionedThroughputExceededException.builder().statusCode(400).message("Rate exceeded for every shard")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                            .errorMessage("Rate exceeded for every shard").serviceName("Kinesis").build())
                    .build();
        }
        attributes.putAttribute(REFUSED, refused);
        return request.toBuilder().records(kept).build();
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        Map<Integer, String> refused = attributes.getAttribute(REFUSED);
        if (refused == null || !(context.response() instanceof PutRecordsResponse response)) {
            return context.response();
        }
        List<PutRecordsResultEntry> results = new ArrayList<>();
        int taken = 0;
        for (int i = 0; i < response.records().size() + refused.size(); i++) {
            String errorCode = refused.get(i);
            results.add(errorCode == null ? response.records().get(taken++) : PutRecordsResultEntry.builder()
                    .errorCode(errorCode).errorMessage("Rate exceeded for shard (injected)").build());
        }
        int failed = (response.failedRecordCount() == null ? 0 : response.failedRecordCount()) + refused.size();
        return response.toBuilder().records(results).failedRecordCount(failed).build();
    }
}
