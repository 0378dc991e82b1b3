package io.kinesishydrator.pipeline;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a function's partial batch response, {@code {"batchItemFailures": [{"itemIdentifier": ...}]}}, as Lambda does. */
final class BatchItemFailures {
    private BatchItemFailures() {
    }

    /**
     * The item identifiers of a response: empty for success (a null response, no or an empty list).
     *
     * @throws IllegalArgumentException for a response that is not JSON, or an identifier that is null, empty or not a string
     */
    @SuppressWarnings("unchecked")
    static List<String> identifiers(String response) {
        Object failures;
        try {
            Object parsed = JSON.std.anyFrom(response);
            failures = parsed instanceof Map<?, ?> map ? map.get("batchItemFailures") : null;
        } catch (IOException notJson) {
            throw new IllegalArgumentException("response is not JSON", notJson);
        }
        if (!(failures instanceof List<?> list)) {
            return List.of();
        }
        List<String> identifiers = new ArrayList<>();
        for (Object failure : list) {
            Object identifier = failure instanceof Map<?, ?> item ? ((Map<String, Object>) item).get("itemIdentifier") : null;
            if (!(identifier instanceof String text) || text.isEmpty()) {
                throw new IllegalArgumentException("itemIdentifier is null or empty");
            }
            identifiers.add(text);
        }
        return identifiers;
    }
}
