package io.kinesishydrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.kinesishydrator.common.ProgressLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code make demo ARGS="--keep-running"}: after the report the event source mapping goes on polling, so the
 * records the redrive tool puts back go through the consumer again, and the poison among them back to the
 * dead-letter queue, each step printed; closing the pipeline, as Ctrl-C does, ends it quietly.
 */
class KeepRunningTest {
    private static final Duration PRINTED_WITHIN = Duration.ofSeconds(90);

    @Test
    void whatTheRedriveToolPutsBackFlowsThroughTheConsumerAgain(@TempDir Path logs) throws InterruptedException {
        EventSourceMappingSettings settings = SamTemplateReader.consumerStreamSettings(RepositoryFunctions.TEMPLATE, "ConsumerFunction")
                .withBatchSize(20).withMaximumRetryAttempts(0);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (LocalPipeline pipeline = LocalPipeline.start(new LocalPipeline.ServerPorts(0, 0, 0, 0, 0), 1,
                OnFailureDestinationType.SQS, RepositoryFunctions.of(Map.of(), logs))) {
            PipelineResult result = QuietConsole.run(() -> pipeline.run(40, 0.1, 7, settings, Duration.ofSeconds(120),
                    new ProgressLine(line -> { }, Duration.ofMinutes(5))));
            assertThat(result.reconciled()).as("lost %s", result.lost()).isTrue();
            assertThat(result.deadLetters().sequenceNumbers()).isNotEmpty();
            assertThat(printed.size()).as("silent before --keep-running's part").isZero();

            Thread keepRunning = Thread.ofPlatform().start(() -> {
                try {
                    pipeline.keepRunning(new PrintStream(printed, true, StandardCharsets.UTF_8));
                } catch (Throwable unexpected) {
                    failure.set(unexpected);
                }
            });
            String redriven = RedriveToolRun.redrive(pipeline);

            awaitPrinted(printed, () -> text(printed).matches("(?s).*hydrated \\d+ OnFailure records? into the dead-letter queue.*"));
            assertThat(text(printed)).as(redriven)
                    .containsPattern("invoked ConsumerFunction on shardId-000000000000 with \\d+ records? \\(\\d+( to \\d+)?\\): ")
                    .contains("OnFailure record (RetryAttemptsExhausted) for ");
            pipeline.close();
            keepRunning.join(Duration.ofSeconds(30));
            assertThat(keepRunning.isAlive()).isFalse();
        }
        assertThat(failure.get()).isNull();
    }

    private static void awaitPrinted(ByteArrayOutputStream printed, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + PRINTED_WITHIN.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(done.getAsBoolean()).as(text(printed)).isTrue();
    }

    private static String text(ByteArrayOutputStream printed) {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
