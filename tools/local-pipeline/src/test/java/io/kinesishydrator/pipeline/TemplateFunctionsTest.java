package io.kinesishydrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.kinesishydrator.common.ProgressLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template of the test's own, whose consumer is a handler laid out as {@code sam build} lays out a function (its
 * classes at the root, its jars in lib/) and run through the runtime interface client in a JVM of its own, behind
 * the repository's hydrator application: what each way of failing a batch does to the run.
 */
class TemplateFunctionsTest {
    private static final Path BUILDS = Path.of("target", "local-pipeline", "functions");
    private static final int RECORDS = 30;

    @TempDir
    Path directory;

    @Test
    void aFailureReportedAtTheEndOfEachBatchSendsOnlyThatRecordToTheDeadLetterQueue() throws IOException {
        PipelineResult result = run(Map.of("Mode", "fail-last"));

        int discarded = result.stats().discardedRecords.get();
        assertThat(result.stats().onFailureRecords).hasSize(discarded);
        assertThat(discarded).isPositive().isLessThan(RECORDS);
        assertThat(result.processed()).hasSize(RECORDS - discarded);
        assertThat(result.deadLetters().sequenceNumbers()).hasSize(discarded);
        assertThat(result.reconciled()).as("lost %s", result.lost()).isTrue();
        assertThat(log()).contains("invoked: mode fail-last, stream orders, memory 256 MB",
                "function arn:aws:lambda:us-east-1:000000000000:function:FixtureConsumer:live");
        long maxHeap = Long.parseLong(log().replaceAll("(?s).*?max heap (\\d+) bytes.*", "$1"));
        assertThat(maxHeap).isLessThanOrEqualTo(256L * 1024 * 1024 * 85 / 100);
    }

    @Test
    void aFunctionErrorSendsTheWholeBatchToTheDeadLetterQueue() throws IOException {
        PipelineResult result = run(Map.of("Mode", "throw"));

        assertThat(result.processed()).isEmpty();
        assertThat(result.deadLetters().sequenceNumbers()).hasSize(RECORDS);
        assertThat(result.stats().onFailureRecords).allMatch(record -> record.contains("\"functionError\":\"Unhandled\""));
        assertThat(result.reconciled()).as("lost %s", result.lost()).isTrue();
        assertThat(log()).contains("java.lang.IllegalStateException", "the whole batch fails");
    }

    @Test
    void anInvocationPastTheTimeoutFailsAndTheNextOneGetsANewRuntime() throws IOException {
        // 3 s, not 1: the function must print its line before the timeout stops it, even on a loaded machine.
        PipelineResult result = run(Map.of("Mode", "sleep", "FixtureTimeout", "3"));

        assertThat(result.processed()).isEmpty();
        assertThat(result.deadLetters().sequenceNumbers()).hasSize(RECORDS);
        assertThat(result.stats().onFailureRecords).allMatch(record -> record.contains("\"functionError\":\"Unhandled\""));
        // A runtime stopped at its timeout may lose its last line of output, so the log holds at most one line per
        // invocation; more than one shows the run went on past the first timeout.
        assertThat(log().lines().filter(line -> line.startsWith("invoked: mode sleep")).count())
                .isGreaterThan(1).isLessThanOrEqualTo(result.stats().invocations.get());
    }

    @Test
    void aRuntimeThatDiesFailsItsInvocationAndTheRunGoesOn() throws IOException {
        PipelineResult result = run(Map.of("Mode", "exit"));

        assertThat(result.processed()).isEmpty();
        assertThat(result.deadLetters().sequenceNumbers()).hasSize(RECORDS);
        assertThat(result.reconciled()).as("lost %s", result.lost()).isTrue();
        assertThat(result.stats().invocations.get()).isGreaterThan(1);
    }

    @Test
    void theTemplatesOtherResourcesAreNotPlayedAndListed() throws IOException {
        PipelineTemplate template = PipelineTemplate.read(template(), "FixtureConsumer", Map.of());

        assertThat(template.notPlayed()).contains("FixtureAlarm", "Hydrator/HydrateFunctionRole").doesNotContain(
                "FixtureConsumer", "FixtureStream", "Hydrator", "Hydrator/HydrateFunction", "Hydrator/DeadLetterQueue");
        assertThat(template.hydrate().orElseThrow().environment()).containsEntry("DLQ_URL",
                PlayedResources.Values.STAND_INS.deadLetterQueueUrl());
    }

    private PipelineResult run(Map<String, String> parameters) throws IOException {
        PipelineTemplate template = PipelineTemplate.read(template(), "FixtureConsumer", parameters);
        EventSourceMappingSettings settings = SamTemplateReader.consumerStreamSettings(template(), "FixtureConsumer", parameters);
        SamFunction hydrate = template.hydrate().orElseThrow();
        LocalPipeline.PipelineFunctions functions;
        synchronized (RepositoryFunctions.class) {
            functions = new LocalPipeline.PipelineFunctions(template, template.consumer().codeUri(),
                    FunctionCode.folder(hydrate, BUILDS, line -> { }), directory.resolve("logs"));
        }
        Files.createDirectories(functions.logs());
        try (LocalPipeline pipeline = LocalPipeline.start(new LocalPipeline.ServerPorts(0, 0, 0, 0, 0), 2, OnFailureDestinationType.SQS, functions)) {
            return pipeline.run(RECORDS, 0, 3, settings, Duration.ofSeconds(180), new ProgressLine(line -> { }, Duration.ofMinutes(5)));
        }
    }

    private String log() throws IOException {
        return Files.readString(directory.resolve("logs").resolve("FixtureConsumer.log"));
    }

    /** The fixture template, pointed at the consumer's folder laid out here and at the repository's hydrator. */
    private Path template() throws IOException {
        Path template = directory.resolve("template.yaml");
        return Files.exists(template) ? template : FixtureTemplates.write("/fixture-template.yaml", directory);
    }
}
