package io.kinesishydrator.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * PutRecords as Kinesis answers it when some shards are throttled: refused entries are taken out of the request
 * before it is sent (so they are not put) and put back into the response at their place, with an
 * {@code ErrorCode}. A call whose every entry is refused fails as a whole, with a throttling error.
 */
final class PutRecordsRefusal {
    private static final ExecutionAttribute<Map<Integer, String>> REFUSED = new ExecutionAttribute<>("refusedEntries");

    private volatile FaultInjector.EntryFault fault = (call, entry) -> null;

    void refuse(FaultInjector.EntryFault fault) {
        this.fault = fault;
    }

    /** The {@code call}-th PutRecords request without its refused entries, which {@link #restore} puts back. */
    PutRecordsRequest takeOutRefused(int call, PutRecordsRequest request, ExecutionAttributes attributes) {
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

    /** The response with the entries taken out of its request back in their places, each with its error code. */
    PutRecordsResponse restore(PutRecordsResponse response, ExecutionAttributes attributes) {
        Map<Integer, String> refused = attributes.getAttribute(REFUSED);
        if (refused == null) {
            return response;
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
