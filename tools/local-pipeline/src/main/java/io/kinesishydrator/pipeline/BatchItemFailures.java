package io.kinesishydrator.pipeline;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a function's partial batch response, {@code {"batchItemFailures": [{"itemIdentifier": ...}]}}, as Lambda does
 * for a stream. Success: no response, {@code null}, {@code {}}, {@code []}, and a {@code batchItemFailures} that is
 * null or empty. Whole-batch failure: an item whose {@code itemIdentifier} is null, empty, not a string or missing
 * (a bad key name). Those are AWS's documented "success and failure conditions"
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html), and LocalStack's
 * snapshots recorded against AWS show the same, case by case (test_lambda_integration_kinesis.snapshot.json,
 * test_kinesis_report_batch_item_success_scenarios and _failure_scenarios). A response that is not JSON, or a
 * {@code batchItemFailures} that is not a list, is not covered by either; it fails the whole batch here, as an
 * invalid response does for SQS in AWS's documentation.
 */
final class BatchItemFailures {
    private BatchItemFailures() {
    }

    /**
     * The item identifiers of a response: empty for success.
     *
     * @throws IllegalArgumentException for a response that fails the whole batch, saying why
     */
    @SuppressWarnings("unchecked")
    static List<String> identifiers(String response) {
        if (response == null || response.isBlank()) {
            return List.of();
        }
        Object failures;
        try {
            Object parsed = JSON.std.anyFrom(response);
            failures = parsed instanceof Map<?, ?> map ? map.get("batchItemFailures") : null;
        } catch (IOException notJson) {
            throw new IllegalArgumentException("response is not JSON", notJson);
        }
        if (failures == null) {
            return List.of();
        }
        if (!(failures instanceof List<?> list)) {
            throw new IllegalArgumentException("batchItemFailures is not a list");
        }
        List<String> identifiers = new ArrayList<>();
        for (Object failure : list) {
            Object identifier = failure instanceof Map<?, ?> item ? ((Map<String, Object>) item).get("itemIdentifier") : null;
            if (!(identifier instanceof String text) || text.isEmpty()) {
                throw new IllegalArgumentException("itemIdentifier is null, empty or not a string");
            }
            identifiers.add(text);
        }
        return identifiers;
    }
}
