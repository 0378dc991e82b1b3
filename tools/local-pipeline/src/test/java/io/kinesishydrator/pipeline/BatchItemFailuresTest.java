package io.kinesishydrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The responses Lambda takes as a stream batch's complete success, as a partial failure, and as a whole-batch failure. */
class BatchItemFailuresTest {
    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "null", "{}", "[]", "{\"batchItemFailures\": []}", "{\"batchItemFailures\": null}",
            "{\"other\": 1}"})
    void aResponseWithoutFailedItemsIsCompleteSuccess(String response) {
        assertThat(BatchItemFailures.identifiers(response)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"batchItemFailures\": [{\"itemIdentifier\": \"49\"}, {\"itemIdentifier\": \"51\"}]}"})
    void theIdentifiersOfAPartialFailureComeInTheirOrder(String response) {
        assertThat(BatchItemFailures.identifiers(response)).containsExactly("49", "51");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"batchItemFailures\": [{\"itemIdentifier\": null}]}",
            "{\"batchItemFailures\": [{\"itemIdentifier\": \"\"}]}",
            "{\"batchItemFailures\": [{\"itemIdentifier\": 123}]}",
            "{\"batchItemFailures\": [{\"foo\": \"49\"}]}",
            "{\"batchItemFailures\": [{\"foo\": null}]}",
            "{\"batchItemFailures\": [\"49\"]}",
            "{\"batchItemFailures\": \"49\"}",
            "{\"batchItemFailures\": {\"itemIdentifier\": \"49\"}}",
            "not json"})
    void aMalformedResponseFailsTheWholeBatch(String response) {
        assertThatThrownBy(() -> BatchItemFailures.identifiers(response)).isInstanceOf(IllegalArgumentException.class);
    }
}
