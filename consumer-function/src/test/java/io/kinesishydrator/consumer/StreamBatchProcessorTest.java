package io.kinesishydrator.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import io.kinesishydrator.common.Backoff;
import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.EmbeddedMetrics;
import io.kinesishydrator.common.StructuredLogger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StreamBatchProcessorTest {
    private final List<String> processed = new ArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    private BatchProcessorBuilder<KinesisEventRecord> processorFailingOn(RecordProcessor failure) {
        return StreamBatchProcessor.kinesis(record -> {
                    failure.process(record);
                    processed.add(payload(record));
                })
                .backoff(Backoff.fullJitter(Duration.ofMillis(100), Duration.ofSeconds(2)).withRandom(() -> 0.5))
                .sleeper(sleeps::add)
                .logger(new StructuredLogger(new PrintStream(logs, true, StandardCharsets.UTF_8), "test"));
    }

    private static String payload(KinesisEventRecord record) {
        return StandardCharsets.UTF_8.decode(record.getKinesis().getData().duplicate()).toString();
    }

    private static List<String> reported(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void anEmptyOrAbsentBatchReportsNothing() {
        StreamBatchProcessor<KinesisEventRecord> processor = processorFailingOn(record -> { }).build();

        assertThat(reported(processor.process(List.of(), Deadline.none()))).isEmpty();
        assertThat(reported(processor.process(null, Deadline.none()))).isEmpty();
    }

    @Test
    void aBatchThatSucceedsReportsNothing() {
        StreamsEventResponse response = processorFailingOn(record -> { }).build()
                .process(KinesisRecords.batch().record("a").record("b").record("c").build(), Deadline.none());

        assertThat(reported(response)).isEmpty();
        assertThat(response.getBatchItemFailures()).isNotNull();
        assertThat(processed).containsExactly("a", "b", "c");
    }

    @Test
    void stopsAtTheFirstFailureAndReportsOnlyItsSequenceNumber() {
        StreamsEventResponse response = processorFailingOn(record -> {
            if (payload(record).startsWith("bad")) {
                throw new PermanentRecordException("bad data");
            }
        }).build().process(KinesisRecords.batch().record("a").record("bad-1").record("c").record("bad-2").build(),
                Deadline.none());

        assertThat(reported(response)).containsExactly(KinesisRecords.sequenceNumber(1));
        assertThat(processed).containsExactly("a");
    }

    @Test
    void reportsTheLastRecordWhenOnlyItFails() {
        StreamsEventResponse response = processorFailingOn(record -> {
            if (payload(record).equals("last")) {
                throw new IllegalStateException("boom");
            }
        }).build().process(KinesisRecords.batch().record("a").record("b").record("last").build(), Deadline.none());

        assertThat(reported(response)).containsExactly(KinesisRecords.sequenceNumber(2));
        assertThat(processed).containsExactly("a", "b");
    }

    @Test
    void permanentFailuresAreNotRetried() {
        int[] calls = {0};
        processorFailingOn(record -> {
            calls[0]++;
            throw new PermanentRecordException("invalid", new TransientRecordException("wrapped transient cause"));
        }).maxAttempts(5).build().process(KinesisRecords.batch().record("x").build(), Deadline.none());

        assertThat(calls[0]).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void transientFailuresAreRetriedWithGrowingJitteredBackoffUntilTheySucceed() {
        int[] calls = {0};
        StreamsEventResponse response = processorFailingOn(record -> {
            if (++calls[0] < 4) {
                throw new TransientRecordException("downstream busy");
            }
        }).maxAttempts(5).build().process(KinesisRecords.batch().record("x").build(), Deadline.none());

        assertThat(reported(response)).isEmpty();
        assertThat(calls[0]).isEqualTo(4);
        // random 0.5 of ceilings 100, 200, 400 ms
        assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void aTransientFailureThatOutlastsItsAttemptsIsReported() {
        int[] calls = {0};
        StreamsEventResponse response = processorFailingOn(record -> {
            if (payload(record).equals("flaky")) {
                calls[0]++;
                throw new TransientRecordException("still busy");
            }
        }).maxAttempts(3).build().process(KinesisRecords.batch().record("ok").record("flaky").record("never").build(),
                Deadline.none());

        assertThat(reported(response)).containsExactly(KinesisRecords.sequenceNumber(1));
        assertThat(calls[0]).isEqualTo(3);
        assertThat(processed).containsExactly("ok");
        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("\"failure\":\"TRANSIENT\"", "\"attempts\":3");
    }

    @Test
    void exceptionTypesDeclaredTransientAreRetriedEvenWhenWrapped() {
        int[] calls = {0};
        processorFailingOn(record -> {
            if (++calls[0] < 2) {
                throw new RuntimeException("client failed", new UncheckedIOException(new IOException("reset")));
            }
        }).transientOn(UncheckedIOException.class).build().process(KinesisRecords.batch().record("x").build(), Deadline.none());

        assertThat(calls[0]).isEqualTo(2);
    }

    @Test
    void retriesStopWhenTheNextWaitWouldPassTheDeadline() {
        int[] calls = {0};
        AtomicLong elapsed = new AtomicLong();
        StreamsEventResponse response = StreamBatchProcessor.kinesis(record -> {
                    calls[0]++;
                    throw new TransientRecordException("busy");
                })
                .maxAttempts(10)
                .backoff(Backoff.fullJitter(Duration.ofMillis(100), Duration.ofSeconds(2)).withRandom(() -> 0.99))
                .sleeper(wait -> elapsed.addAndGet(wait.toMillis()))
                .logger(new StructuredLogger(new PrintStream(logs, true, StandardCharsets.UTF_8), "test"))
                .build()
                .process(KinesisRecords.batch().record("x").build(), Deadline.after(Duration.ofMillis(250), elapsed::get));

        // waits of 99 and 198 ms: the first fits in 250 ms, the second would not
        assertThat(calls[0]).isEqualTo(2);
        assertThat(reported(response)).containsExactly(KinesisRecords.sequenceNumber(0));
    }

    @Test
    void whenTimeRunsOutTheNextRecordIsReportedSoTheWorkDoneIsCheckpointed() {
        AtomicLong elapsed = new AtomicLong();
        StreamsEventResponse response = StreamBatchProcessor.kinesis(record -> {
                    processed.add(payload(record));
                    elapsed.addAndGet(600);
                })
                .logger(new StructuredLogger(new PrintStream(logs, true, StandardCharsets.UTF_8), "test"))
                .build()
                .process(KinesisRecords.batch().record("a").record("b").record("c").build(),
                        Deadline.after(Duration.ofMillis(1_000), elapsed::get));

        assertThat(processed).containsExactly("a", "b");
        assertThat(reported(response)).containsExactly(KinesisRecords.sequenceNumber(2));
    }

    @Test
    void aBuilderIsLeftAsItWasBySetters() {
        int[] calls = {0};
        BatchProcessorBuilder<KinesisEventRecord> retrying = processorFailingOn(record -> {
            calls[0]++;
            throw new TransientRecordException("busy");
        });

        retrying.maxAttempts(1).build().process(KinesisRecords.batch().record("x").build(), Deadline.none());
        retrying.build().process(KinesisRecords.batch().record("x").build(), Deadline.none());

        assertThat(calls[0]).isEqualTo(1 + 3);
    }

    @Test
    void errorsThrownByTheProcessorFailTheRecordNotTheBatch() {
        StreamsEventResponse response = processorFailingOn(record -> {
            throw new AssertionError("processor bug");
        }).build().process(KinesisRecords.batch().record("a").build(), Deadline.none());

        assertThat(reported(response)).containsExactly(KinesisRecords.sequenceNumber(0));
    }

    @Test
    void logsOneJsonLineForTheFailureWithItsCoordinatesAndNoPayload() {
        processorFailingOn(record -> {
            throw new PermanentRecordException("quantity must be positive");
        }).build().process(KinesisRecords.batch().record("secret-payload").record("b").build(), Deadline.none());

        List<String> lines = logs.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("{").endsWith("}")
                .contains("\"level\":\"ERROR\"", "\"shardId\":\"" + KinesisRecords.SHARD + "\"",
                        "\"sequenceNumber\":\"" + KinesisRecords.sequenceNumber(0) + "\"", "\"partitionKey\":\"pk-0\"",
                        "\"errorClass\":\"" + PermanentRecordException.class.getName() + "\"",
                        "\"errorMessage\":\"quantity must be positive\"", "\"failure\":\"PERMANENT\"",
                        "\"recordsNotProcessed\":2")
                .doesNotContain("secret-payload");
    }

    @Test
    void aRecordWithoutSequenceNumberFailsTheWholeBatchBeforeAnyWork() {
        List<KinesisEventRecord> batch = KinesisRecords.batch().record("a").record("b").build();
        batch.get(1).getKinesis().setSequenceNumber(null);

        assertThatThrownBy(() -> processorFailingOn(record -> { }).build().process(batch, Deadline.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("record 1 has no kinesis.sequenceNumber");
        assertThat(processed).isEmpty();
    }

    @Test
    void writesOneMetricLineForTheBatch() throws Exception {
        ByteArrayOutputStream metrics = new ByteArrayOutputStream();
        int[] calls = {0};
        processorFailingOn(record -> {
            if (payload(record).equals("flaky") && ++calls[0] < 3) {
                throw new TransientRecordException("busy");
            }
            if (payload(record).equals("bad")) {
                throw new PermanentRecordException("bad data");
            }
        }).metrics(new EmbeddedMetrics(new PrintStream(metrics, true, StandardCharsets.UTF_8), "KinesisHydrator", () -> 1L), "consumer")
                .build().process(KinesisRecords.batch().record("ok").record("flaky").record("bad").record("never").build(), Deadline.none());

        Map<String, Object> line = JSON.std.mapFrom(metrics.toString(StandardCharsets.UTF_8).strip());
        assertThat(line).containsEntry("FunctionName", "consumer").containsEntry("StreamName", "orders")
                .containsEntry("RecordsProcessed", 2).containsEntry("RecordsFailed", 1).containsEntry("TransientRetries", 2)
                .containsKey("BatchDurationMs").containsKey("_aws");
    }

    @Test
    void putsThePayloadInTheFailureLineOnlyWhenAskedTo() {
        processorFailingOn(record -> {
            throw new PermanentRecordException("invalid");
        }).logPayloads(true).build().process(KinesisRecords.batch().record("{\"orderId\":\"o-9\"}").build(), Deadline.none());

        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("\"payload\":\"{\\\"orderId\\\":\\\"o-9\\\"}\"");
    }
}
