package io.kinesishydrator.pipeline;

import static io.kinesishydrator.pipeline.MappingScenario.batchInfo;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.kinesishydrator.local.KinesisMock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The event source mapping's rules, each asserted through the exact OnFailure records it sends. */
class StreamEventSourceMappingTest {
    private static KinesisMock kinesisMock;
    private static KinesisClient kinesis;

    @BeforeAll
    static void startKinesis() {
        kinesisMock = KinesisMock.start();
        kinesis = kinesisMock.client();
    }

    @AfterAll
    static void stopKinesis() {
        kinesis.close();
        kinesisMock.close();
    }

    static EventSourceMappingSettings settings(int batchSize, int retries, boolean bisect) {
        return new EventSourceMappingSettings(batchSize, Duration.ZERO, retries, bisect, null, 1, "TRIM_HORIZON", true, true);
    }

    private MappingScenario scenario() {
        return new MappingScenario(kinesisMock, kinesis, 1);
    }

    private static void assertCovers(Map<String, Object> onFailure, MappingScenario scenario, int first, int last) {
        assertThat(batchInfo(onFailure))
                .containsEntry("shardId", scenario.shardId(0))
                .containsEntry("startSequenceNumber", scenario.sequenceNumber(0, first))
                .containsEntry("endSequenceNumber", scenario.sequenceNumber(0, last))
                .containsEntry("batchSize", last - first + 1)
                .containsEntry("streamArn", scenario.streamArn());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> context(Map<String, Object> onFailure, String name) {
        return (Map<String, Object>) onFailure.get(name);
    }

    @Test
    void aFailureInTheMiddleOfABatchCheckpointsBeforeItAndRetriesTheRestUntilRetriesRunOut() {
        MappingScenario scenario = scenario().write(0, 10, 4);

        scenario.run(settings(10, 2, true), MappingScenario.Failure.REPORTED);

        List<Map<String, Object>> onFailure = scenario.onFailure();
        assertThat(onFailure).hasSize(1);
        assertCovers(onFailure.get(0), scenario, 4, 9);
        assertThat(context(onFailure.get(0), "requestContext")).containsEntry("condition", "RetryAttemptsExhausted")
                .containsEntry("approximateInvokeCount", 3);
        Map<String, Object> response = context(onFailure.get(0), "responseContext");
        assertThat(response).containsEntry("statusCode", 200).containsKey("functionError");
        assertThat(response.get("functionError")).isNull();
        assertThat(scenario.processing.processed()).containsExactly(
                scenario.sequenceNumber(0, 0), scenario.sequenceNumber(0, 1), scenario.sequenceNumber(0, 2), scenario.sequenceNumber(0, 3));
        // The checkpoint moved, so records 4 to 9 are a new batch: sent once, then retried twice, as AWS does.
        assertThat(scenario.stats.invocations.get()).isEqualTo(4);
        assertThat(scenario.stats.retriedBatches.get()).isEqualTo(3);
    }

    @Test
    void whenTheLastRecordFailsOnlyItIsDiscarded() {
        MappingScenario scenario = scenario().write(0, 10, 9);

        scenario.run(settings(10, 1, true), MappingScenario.Failure.REPORTED);

        assertThat(scenario.onFailure()).hasSize(1);
        assertCovers(scenario.onFailure().get(0), scenario, 9, 9);
        assertThat(scenario.processing.processed()).hasSize(9);
    }

    @Test
    void aThrownErrorWithBisectIsolatesThePoisonRecordWithoutUsingRetries() {
        MappingScenario scenario = scenario().write(0, 8, 5);

        scenario.run(settings(8, 1, true), MappingScenario.Failure.THROWN);

        List<Map<String, Object>> onFailure = scenario.onFailure();
        assertThat(onFailure).hasSize(1);
        assertCovers(onFailure.get(0), scenario, 5, 5);
        assertThat(context(onFailure.get(0), "responseContext")).containsEntry("functionError", "Unhandled");
        // [0-7] -> [0-3] ok, [4-7] -> [4,5] -> [4] ok, [5] fails twice -> discarded; [6,7] ok
        assertThat(scenario.stats.bisections.get()).isEqualTo(3);
        assertThat(scenario.stats.retriedBatches.get()).isEqualTo(1);
        assertThat(scenario.processing.processed()).hasSize(7).doesNotContain(scenario.sequenceNumber(0, 5));
        assertThat(scenario.processing.inShardOrder()).isTrue();
    }

    @Test
    void withoutBisectAThrownErrorRetriesTheWholeBatchThenDiscardsIt() {
        MappingScenario scenario = scenario().write(0, 6, 2);

        scenario.run(settings(6, 2, false), MappingScenario.Failure.THROWN);

        assertThat(scenario.onFailure()).hasSize(1);
        assertCovers(scenario.onFailure().get(0), scenario, 0, 5);
        assertThat(scenario.stats.invocations.get()).isEqualTo(3);
        assertThat(scenario.stats.bisections.get()).isZero();
    }

    @Test
    void recordsPastTheirMaximumAgeAreDiscardedAsRecordAgeExceededWithoutResponseContext() {
        MappingScenario scenario = scenario().write(0, 6, 2);
        // Every invocation takes 40 simulated seconds, so the retried records pass 60 s of age on the second retry.
        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        RequestStreamHandler real = scenario.handler(MappingScenario.Failure.REPORTED);
        RequestStreamHandler slow = (input, output, context) -> {
            now.updateAndGet(instant -> instant.plusSeconds(40));
            real.handleRequest(input, output, context);
        };
        EventSourceMappingSettings settings = new EventSourceMappingSettings(6, Duration.ZERO, -1, true,
                Duration.ofSeconds(60), 1, "TRIM_HORIZON", true, true);

        scenario.run(settings, slow, clock);

        List<Map<String, Object>> onFailure = scenario.onFailure();
        assertThat(onFailure).hasSize(1);
        assertCovers(onFailure.get(0), scenario, 2, 5);
        // After the first invocation's partial response, records 2 to 5 are a batch of their own; it was sent once,
        // and the age cut its second attempt short, which the count names.
        assertThat(context(onFailure.get(0), "requestContext")).containsEntry("condition", "RecordAgeExceeded")
                .containsEntry("approximateInvokeCount", 2);
        assertThat(scenario.stats.invocations.get()).isEqualTo(2);
        assertThat(onFailure.get(0)).doesNotContainKey("responseContext");
        assertThat(scenario.processing.processed()).hasSize(2);
    }

    @Test
    void severalPoisonRecordsInABatchAreDiscardedTogetherWhenRetriesRunOut() {
        MappingScenario scenario = scenario().write(0, 10, 2, 6);

        scenario.run(settings(10, 1, true), MappingScenario.Failure.REPORTED);

        List<Map<String, Object>> onFailure = scenario.onFailure();
        assertThat(onFailure).hasSize(1);
        assertCovers(onFailure.get(0), scenario, 2, 9);
        assertThat(scenario.processing.processed()).hasSize(2);
    }

    @Test
    void severalPoisonRecordsAreIsolatedOneByOneWhenBisecting() {
        MappingScenario scenario = scenario().write(0, 8, 2, 6);

        scenario.run(settings(8, 0, true), MappingScenario.Failure.THROWN);

        List<Map<String, Object>> onFailure = scenario.onFailure();
        assertThat(onFailure).hasSize(2);
        assertCovers(onFailure.get(0), scenario, 2, 2);
        assertCovers(onFailure.get(1), scenario, 6, 6);
        assertThat(scenario.processing.processed()).hasSize(6);
    }

    @Test
    void anItemIdentifierNotInTheBatchFailsTheWholeBatch() {
        MappingScenario scenario = scenario().write(0, 4);
        RequestHandler<KinesisEvent, StreamsEventResponse> bogus = (event, context) -> {
            List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
            failures.add(new StreamsEventResponse.BatchItemFailure("12345"));
            return new StreamsEventResponse(failures);
        };

        scenario.run(settings(4, 1, true), bogus, Clock.systemUTC());

        assertThat(scenario.onFailure()).hasSize(1);
        assertCovers(scenario.onFailure().get(0), scenario, 0, 3);
        assertThat(scenario.stats.bisections.get()).isZero();
    }

    @Test
    void anEmptyItemIdentifierFailsTheWholeBatch() {
        MappingScenario scenario = scenario().write(0, 3);
        RequestHandler<KinesisEvent, StreamsEventResponse> empty = (event, context) -> {
            List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
            failures.add(new StreamsEventResponse.BatchItemFailure(""));
            return new StreamsEventResponse(failures);
        };

        scenario.run(settings(3, 0, true), empty, Clock.systemUTC());

        assertThat(scenario.onFailure()).hasSize(1);
        assertCovers(scenario.onFailure().get(0), scenario, 0, 2);
    }

    @Test
    void aNullResponseIsSuccess() {
        MappingScenario scenario = scenario().write(0, 5);

        scenario.run(settings(2, 0, true), (event, context) -> null, Clock.systemUTC());

        assertThat(scenario.onFailure()).isEmpty();
        assertThat(scenario.stats.checkpointedRecords.get()).isEqualTo(5);
        assertThat(scenario.stats.invocations.get()).isEqualTo(3);
    }
}
