package io.kinesishydrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * What the played event source mapping does with each way a consumer answers, end to end: the command runs a
 * template of the test's own whose consumer is the {@link io.kinesishydrator.pipeline.fixture.ScriptedConsumer},
 * on three records of one shard, and the test reads the run's JSON report.
 */
class RunnerScenariosTest {
    private static final String SHARD = "shardId-000000000000";
    private static final String RECORDS = """
            {"partitionKey": "scenario", "data": "first"}
            {"partitionKey": "scenario", "data": "second"}
            {"partitionKey": "scenario", "dataBase64": "/w4A"}
            """;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path directory;

    @Test
    void aFailureReportedAtTheEndOfTheBatchRetriesThatRecordAloneThenSendsItToTheDeadLetterQueue() throws IOException {
        Map<String, Object> report = run("fail-last", "--max-retries", "2");

        assertThat(report).containsEntry("destination", "sqs").containsEntry("reconciled", true)
                .containsEntry("functionLogs", directory.resolve("logs").toString());
        assertThat(records(report)).extracting("shardId", "partitionKey", "dataBase64").containsExactly(
                tuple(SHARD, "scenario", "Zmlyc3Q="),
                tuple(SHARD, "scenario", "c2Vjb25k"),
                tuple(SHARD, "scenario", "/w4A"));
        List<String> all = sequenceNumbers(report);
        String last = all.get(2);
        // The checkpoint moved past the first two records: the last is a batch of its own, sent once and retried twice.
        assertThat(invocations(report)).extracting("sequenceNumbers")
                .containsExactly(all, List.of(last), List.of(last), List.of(last));
        assertThat(invocations(report)).allSatisfy(invocation -> assertThat(invocation)
                .containsEntry("function", "FixtureConsumer").containsEntry("shardId", SHARD).containsEntry("error", null));
        assertThat(invocations(report).get(0)).containsEntry("response",
                Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", last))));

        Map<String, Object> onFailure = single(onFailureRecords(report));
        assertThat(map(onFailure, "requestContext")).containsEntry("condition", "RetryAttemptsExhausted")
                .containsEntry("approximateInvokeCount", 3);
        assertThat(map(onFailure, "responseContext")).containsEntry("functionError", null);
        assertThat(map(onFailure, "KinesisBatchInfo")).containsEntry("batchSize", 1)
                .containsEntry("startSequenceNumber", last).containsEntry("endSequenceNumber", last);
        Map<String, Object> deadLetter = single(deadLetterMessages(report));
        assertThat(list(deadLetter, "records")).singleElement().satisfies(record -> assertThat(record)
                .containsEntry("sequenceNumber", last).containsEntry("data", "/w4A"));
        assertThat(list(report, "lost")).isEmpty();
        assertThat(console.out()).contains("covering 1 record\n", "hydrated               1 OnFailure record\n",
                "function logs          " + directory.resolve("logs"), "for 1 failed batch, holding 1 hydrated record\n");
    }

    /**
     * AWS's rules for a partial batch response (Lambda developer guide, "Reporting batch item failures for Kinesis"):
     * an identifier that is null, empty, under a wrong key or not in the batch fails the whole batch; an empty or
     * null list, an empty object, a null response or none at all is complete success. The last two rows are the
     * mapping's own reading of responses the guide does not name: text that is not JSON, and a
     * {@code batchItemFailures} that is not a list, fail the whole batch (see {@link BatchItemFailures}).
     */
    static Stream<Arguments> responses() {
        return Stream.of(
                Arguments.of("null itemIdentifier", "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}", true),
                Arguments.of("empty itemIdentifier", "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}", true),
                Arguments.of("misspelled key", "{\"batchItemFailures\":[{\"itemIdentifer\":\"LAST\"}]}", true),
                Arguments.of("identifier not in the batch", "{\"batchItemFailures\":[{\"itemIdentifier\":\"1\"}]}", true),
                Arguments.of("empty list", "{\"batchItemFailures\":[]}", false),
                Arguments.of("null list", "{\"batchItemFailures\":null}", false),
                Arguments.of("empty object", "{}", false),
                Arguments.of("null response", "null", false),
                Arguments.of("no response", "", false),
                Arguments.of("not JSON", "this is not JSON", true),
                Arguments.of("batchItemFailures not a list", "{\"batchItemFailures\":\"LAST\"}", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void aPartialBatchResponseFailsTheWholeBatchOrNoneOfIt(String variant, String response, boolean wholeBatchFails) throws IOException {
        Map<String, Object> report = run("respond:" + response, "--max-retries", "1");

        List<String> all = sequenceNumbers(report);
        Object answered = response.isEmpty() ? null : parsedOrText(response.replace("LAST", all.get(2)));
        assertThat(invocations(report)).hasSize(wholeBatchFails ? 2 : 1).allSatisfy(invocation -> assertThat(invocation)
                .containsEntry("sequenceNumbers", all).containsEntry("response", answered).containsEntry("error", null));
        if (wholeBatchFails) {
            Map<String, Object> onFailure = single(onFailureRecords(report));
            assertThat(map(onFailure, "requestContext")).containsEntry("condition", "RetryAttemptsExhausted");
            assertThat(map(onFailure, "responseContext")).containsEntry("functionError", null);
            assertCovers(onFailure, all);
            assertThat(deadLetterSequenceNumbers(report)).isEqualTo(all);
        } else {
            assertThat(onFailureRecords(report)).isEmpty();
            assertThat(deadLetterMessages(report)).isEmpty();
        }
        assertThat(list(report, "lost")).isEmpty();
    }

    @Test
    void aFunctionErrorWithoutBisectingRetriesTheWholeBatchThenSendsItAll() throws IOException {
        Map<String, Object> report = run("throw", "--max-retries", "2", "--bisect", "false");

        List<String> all = sequenceNumbers(report);
        assertThat(invocations(report)).extracting("sequenceNumbers").containsExactly(all, all, all);
        assertThat(invocations(report)).allSatisfy(invocation -> {
            assertThat(invocation).containsEntry("response", null);
            assertThat(map(invocation, "error")).containsEntry("errorMessage", "the whole batch fails");
        });
        Map<String, Object> onFailure = single(onFailureRecords(report));
        assertThat(map(onFailure, "requestContext")).containsEntry("condition", "RetryAttemptsExhausted")
                .containsEntry("approximateInvokeCount", 3);
        assertThat(map(onFailure, "responseContext")).containsEntry("functionError", "Unhandled");
        assertCovers(onFailure, all);
        assertThat(deadLetterSequenceNumbers(report)).isEqualTo(all);
        assertThat(list(report, "lost")).isEmpty();
    }

    @Test
    void aFunctionErrorWithBisectingHalvesTheBatchDownToSingleRecordsEachRetriedOnItsOwn() throws IOException {
        Map<String, Object> report = run("throw", "--max-retries", "1", "--bisect", "true");

        List<String> all = sequenceNumbers(report);
        // 3 records split into 1 and 2, the 2 into 1 and 1; bisecting uses no retry, so each single record
        // is sent twice: once as a half, once as its retry.
        assertThat(invocations(report)).extracting("sequenceNumbers").containsExactly(all,
                List.of(all.get(0)), List.of(all.get(0)), all.subList(1, 3),
                List.of(all.get(1)), List.of(all.get(1)), List.of(all.get(2)), List.of(all.get(2)));
        List<Map<String, Object>> onFailure = onFailureRecords(report);
        assertThat(onFailure).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(map(onFailure.get(i), "responseContext")).containsEntry("functionError", "Unhandled");
            assertCovers(onFailure.get(i), List.of(all.get(i)));
        }
        assertThat(deadLetterSequenceNumbers(report)).isEqualTo(all);
        assertThat(list(report, "lost")).isEmpty();
    }

    /** Takes about 70 s: AWS's shortest MaximumRecordAgeInSeconds is 60. */
    @Test
    void recordsPastTheirMaximumAgeLeaveWithRecordAgeExceededAndNoResponseContext() throws IOException {
        Map<String, Object> report = run("throw-after:15", "--max-retries", "-1", "--max-record-age", "60", "--bisect", "false");

        List<String> all = sequenceNumbers(report);
        assertThat(invocations(report)).hasSizeBetween(3, 6).allSatisfy(invocation -> assertThat(invocation)
                .containsEntry("sequenceNumbers", all).containsEntry("response", null));
        Map<String, Object> onFailure = single(onFailureRecords(report));
        assertThat(onFailure).doesNotContainKey("responseContext");
        assertThat(map(onFailure, "requestContext")).containsEntry("condition", "RecordAgeExceeded")
                .containsEntry("approximateInvokeCount", invocations(report).size() + 1);
        assertCovers(onFailure, all);
        assertThat(deadLetterSequenceNumbers(report)).isEqualTo(all);
        assertThat(list(report, "lost")).isEmpty();
    }

    @Test
    void aRunThatLosesRecordsWritesItsReportAllTheSameAndExitsOne() throws IOException {
        Path template = FixtureTemplates.write("/scenario-template.yaml", directory);
        String text = Files.readString(template);
        String withoutDestination = text.replaceAll("(?m)^ {12}DestinationConfig:\\n(?: {14,}.*\\n)+", "");
        assertThat(withoutDestination).isNotEqualTo(text);
        Files.writeString(template, withoutDestination);

        Map<String, Object> report = run(template, 1, "throw", "--max-retries", "0");

        assertThat(report).containsEntry("reconciled", false);
        assertThat(list(report, "lost")).containsExactlyElementsOf(records(report).stream()
                .map(record -> Map.of("shardId", record.get("shardId"), "sequenceNumber", record.get("sequenceNumber"))).toList());
        assertThat(deadLetterMessages(report)).isEmpty();
    }

    @Test
    void aStackThatConsumesAStreamByItsArnAndKeepsItsFailuresInAQueueOfItsOwnRunsAsWritten() throws IOException {
        Path template = FixtureTemplates.write("/user-template.yaml", directory);

        // No hydrate takes the OnFailure record from the stack's queue, so the discarded record's data is lost.
        Map<String, Object> report = run(template, 1, "fail-last",
                "--parameter-overrides", "StreamArn=arn:aws:kinesis:eu-west-1:123456789012:stream/readings");

        List<String> all = sequenceNumbers(report);
        String last = all.get(2);
        assertThat(invocations(report)).extracting("function").containsOnly("ReadingsConsumer");
        Map<String, Object> onFailure = single(onFailureRecords(report));
        assertThat(map(onFailure, "KinesisBatchInfo")).containsEntry("startSequenceNumber", last)
                .hasEntrySatisfying("streamArn", arn -> assertThat((String) arn).endsWith(":stream/readings"));
        assertThat(list(report, "lost")).containsExactly(Map.of("shardId", SHARD, "sequenceNumber", last));
        assertThat(deadLetterMessages(report)).isEmpty();
        assertThat(console.out())
                .contains("OnFailure destination: SQS queue", "no function of the template takes its records");
    }

    /** Runs the command on the three records with the consumer in {@code mode}, and reads its JSON report. */
    private Map<String, Object> run(String mode, String... mappingOptions) throws IOException {
        return run(FixtureTemplates.write("/scenario-template.yaml", directory), 0, mode, mappingOptions);
    }

    private Map<String, Object> run(Path template, int expectedExit, String mode, String... mappingOptions) throws IOException {
        Path records = Files.writeString(directory.resolve("records.jsonl"), RECORDS);
        Path report = directory.resolve("report.json");
        List<String> args = new ArrayList<>(List.of("--template", template.toString(),
                "--shards", "1", "--records-file", records.toString(), "--report-json", report.toString(),
                "--function-logs", directory.resolve("logs").toString()));
        args.addAll(List.of(mappingOptions));
        args.addAll(List.of("--parameter-overrides", "Mode=" + mode));

        int exit = new CommandLine(new LocalPipelineCommand()).execute(args.toArray(String[]::new));

        assertThat(exit).as(console.both()).isEqualTo(expectedExit);
        return JSON.std.mapFrom(Files.readString(report));
    }

    private static void assertCovers(Map<String, Object> onFailure, List<String> sequenceNumbers) {
        assertThat(map(onFailure, "KinesisBatchInfo")).containsEntry("shardId", SHARD)
                .containsEntry("batchSize", sequenceNumbers.size())
                .containsEntry("startSequenceNumber", sequenceNumbers.get(0))
                .containsEntry("endSequenceNumber", sequenceNumbers.get(sequenceNumbers.size() - 1));
    }

    private static List<String> sequenceNumbers(Map<String, Object> report) {
        return records(report).stream().map(record -> (String) record.get("sequenceNumber")).toList();
    }

    private static List<String> deadLetterSequenceNumbers(Map<String, Object> report) {
        return deadLetterMessages(report).stream().flatMap(message -> list(message, "records").stream())
                .map(record -> (String) record.get("sequenceNumber")).toList();
    }

    private static List<Map<String, Object>> records(Map<String, Object> report) {
        return list(report, "records");
    }

    private static List<Map<String, Object>> invocations(Map<String, Object> report) {
        return list(report, "invocations");
    }

    private static List<Map<String, Object>> onFailureRecords(Map<String, Object> report) {
        return list(report, "onFailureRecords");
    }

    private static List<Map<String, Object>> deadLetterMessages(Map<String, Object> report) {
        return list(report, "deadLetterMessages");
    }

    private static Map<String, Object> single(List<Map<String, Object>> objects) {
        assertThat(objects).hasSize(1);
        return objects.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> json, String field) {
        return (List<Map<String, Object>>) json.get(field);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> json, String field) {
        return (Map<String, Object>) json.get(field);
    }

    private static Object parsedOrText(String text) {
        try {
            return JSON.std.anyFrom(text);
        } catch (IOException notJson) {
            return text;
        }
    }
}
