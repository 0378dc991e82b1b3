package io.kinesishydrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's local run, end to end, and its answers to bad input. */
class LocalPipelineCommandTest {
    private static final String TEMPLATE = "../../template.yaml";

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private int run(String... args) {
        return new CommandLine(new LocalPipelineCommand()).execute(args);
    }

    @Test
    void theFlowEndsWithEveryRecordProcessedOrHydratedIntoTheDeadLetterQueue(@TempDir Path logs) throws IOException {
        int exit = run("--template", TEMPLATE, "--records", "120", "--poison-rate", "0.08", "--seed", "11",
                "--batch-size", "20", "--max-retries", "1", "--function-logs", logs.toString());

        assertThat(exit).as(console.both()).isZero();
        assertThat(console.out()).contains("BatchSize 20", "MaximumRetryAttempts 1", "records produced       120",
                "OnFailure destination: SNS topic (" + TEMPLATE + ", DestinationConfig.OnFailure.Type)",
                "hydrate                SNS intake",
                "RetryAttemptsExhausted", "nothing lost", "OK");
        assertThat(console.out()).containsPattern("DLQ messages +[1-9]\\d* for [1-9]\\d* failed batches, holding [1-9]\\d* hydrated records");
        assertThat(console.out()).contains("functions: ConsumerFunction (io.kinesishydrator.consumer.KinesisConsumerHandler::handleRequest, 512 MB, 60 s); "
                + "HydrateFunction (io.kinesishydrator.hydrate.HydrateStreamHandler::handleRequest, 512 MB, 120 s)",
                "not played: ConsumerFunctionRole", "Hydrator/RecordsLostAlarm", "function logs: " + logs);
        assertThat(logs.resolve("ConsumerFunction.log")).exists();
        assertThat(logs.resolve("HydrateFunction.log")).content().contains("\"level\":\"INFO\"");
    }

    /** The consumer is the template's handler, with the template's RECORD_PROCESSOR: one that is not there fails every batch. */
    @Test
    void theConsumerRunsTheRecordProcessorTheParametersName(@TempDir Path logs) throws IOException {
        int exit = run("--template", TEMPLATE, "--records", "20", "--poison-rate", "0", "--batch-size", "10", "--max-retries", "0",
                "--bisect", "false", "--function-logs", logs.toString(),
                "--parameter-overrides", "RecordProcessor=io.kinesishydrator.examples.NoSuchRecordProcessor", "LogLevel=DEBUG");

        assertThat(exit).as(console.both()).isZero();
        assertThat(console.out()).contains("records produced       20", "records processed      0", "nothing lost", "OK");
        assertThat(Files.readString(logs.resolve("ConsumerFunction.log")))
                .contains("io.kinesishydrator.consumer.KinesisConsumerHandler", "io.kinesishydrator.examples.NoSuchRecordProcessor");
    }

    @Test
    void theRecordsOfARecordsFileAreTheOnesPut(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("records.jsonl"), """
                {"partitionKey": "c-1", "data": "{\\"orderId\\":\\"o-1\\",\\"customerId\\":\\"c-1\\",\\"sku\\":\\"SKU-1\\",\\"quantity\\":1,\\"unitPrice\\":2.5}"}

                {"partitionKey": "c-2", "dataBase64": "bm90IGFuIG9yZGVy", "explicitHashKey": "0"}
                """);

        int exit = run("--template", TEMPLATE, "--records-file", file.toString(), "--max-retries", "0",
                "--function-logs", directory.resolve("logs").toString());

        assertThat(exit).as(console.both()).isZero();
        assertThat(console.out()).contains("producing 2 records from " + file, "records produced       2 (0 poison)",
                "records processed      1", "holding 1 hydrated record", "not an order", "nothing lost");
    }

    @Test
    void aMalformedLineOfTheRecordsFileIsAClearErrorNamingIt(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("records.jsonl"), """
                {"partitionKey": "c-1", "data": "one"}
                {"partitionKey": "c-2", "data": "two", "dataBase64": "dHdv"}
                """);

        assertThat(run("--template", TEMPLATE, "--records-file", file.toString())).isEqualTo(2);
        assertThat(console.err().lines()).hasSize(1).first().asString()
                .contains(file + " line 2", "exactly one of \"data\" and \"dataBase64\"");
        assertThat(console.out()).doesNotContain("starting kinesis-mock");
    }

    @Test
    void aParameterTheTemplateDoesNotDeclareIsAClearError() {
        assertThat(run("--template", TEMPLATE, "--parameter-overrides", "NoSuchParameter=1")).isEqualTo(2);
        assertThat(console.err()).contains("no parameter NoSuchParameter");
        assertThat(console.out()).doesNotContain("starting kinesis-mock");
    }

    @Test
    void aRuntimeOtherThanJava21IsAClearError(@TempDir Path directory) throws IOException {
        Path template = Files.writeString(directory.resolve("template.yaml"),
                Files.readString(Path.of(TEMPLATE)).replace("Runtime: java21", "Runtime: python3.12"));

        assertThat(run("--template", template.toString())).isEqualTo(2);
        assertThat(console.err()).contains("ConsumerFunction has Runtime python3.12", "java21");
    }

    @Test
    void anEventSourceTheRunCannotPlayIsAClearError(@TempDir Path directory) throws IOException {
        Path template = Files.writeString(directory.resolve("template.yaml"), Files.readString(Path.of(TEMPLATE))
                .replace("      Events:\n        StreamEvent:\n", "      Events:\n        Schedule:\n          Type: Schedule\n"
                        + "          Properties:\n            Schedule: rate(1 minute)\n        StreamEvent:\n"));

        assertThat(run("--template", template.toString())).isEqualTo(2);
        assertThat(console.err().lines()).hasSize(1).first().asString()
                .contains("ConsumerFunction event Schedule has Type Schedule", "cannot play");
    }

    @Test
    void aTemplateWithoutTheConsumersStreamEventIsAClearError(@TempDir Path directory) throws IOException {
        Path template = Files.writeString(directory.resolve("template.yaml"), """
                Resources:
                  ConsumerFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: x::y
                """);

        int exit = run("--template", template.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(console.err()).startsWith("error: ").contains("Kinesis");
    }

    @Test
    void aHandlerClassThatIsNotInTheFunctionsCodeIsAClearError(@TempDir Path directory) throws IOException {
        Path template = Files.writeString(directory.resolve("template.yaml"), repositoryTemplateToCopy()
                .replaceFirst("KinesisConsumerHandler::handleRequest", "NoSuchHandler::handleRequest"));

        int exit = run("--template", template.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(console.err().lines()).singleElement().asString()
                .contains("ConsumerFunction's Handler class io.kinesishydrator.consumer.NoSuchHandler is not in its code");
        assertThat(console.out()).doesNotContain("starting kinesis-mock");
    }

    @Test
    void aRunPastItsTimeoutEndsWithOneLineSayingWhatToRaise() {
        int exit = run("--template", TEMPLATE, "--records", "3000", "--timeout", "1");

        assertThat(exit).isEqualTo(1);
        assertThat(console.err().lines()).singleElement().asString()
                .isEqualTo("error: the records were not all settled within --timeout 1 s, counted from the first record put; "
                        + "raise it, e.g. --timeout 4");
    }

    @Test
    void aReportThatCannotBeWrittenIsAClearErrorBeforeAnythingStarts(@TempDir Path directory) throws IOException {
        Path notAFolder = Files.writeString(directory.resolve("file"), "");

        int exit = run("--template", TEMPLATE, "--report-json", notAFolder.resolve("report.json").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(console.err().lines()).singleElement().asString().startsWith("error: --report-json " + notAFolder);
        assertThat(console.out()).doesNotContain("starting kinesis-mock");
    }

    @Test
    void aMissingTemplateIsAClearError() {
        int exit = run("--template", "no-such-template.yaml");

        assertThat(exit).isEqualTo(2);
        assertThat(console.err()).contains("no-such-template.yaml");
    }

    @Test
    void aPortAlreadyTakenIsAClearErrorNotAHang() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int exit = run("--template", TEMPLATE, "--kinesis-port", Integer.toString(taken.getLocalPort()));

            assertThat(exit).isEqualTo(2);
            assertThat(console.err()).contains("kinesis-mock", "already taken");
        }
    }

    @Test
    void outOfRangeOptionsAreRejectedBeforeAnythingStarts() {
        assertThat(run("--template", TEMPLATE, "--poison-rate", "2")).isEqualTo(2);
        assertThat(run("--template", TEMPLATE, "--batch-size", "0")).isEqualTo(2);
        assertThat(console.err()).contains("--poison-rate", "BatchSize must be between 1 and 10000");
        assertThat(console.out()).doesNotContain("starting kinesis-mock");
    }

    @Test
    void anUnknownOnFailureDestinationIsRejectedBeforeAnythingStarts() {
        assertThat(run("--template", TEMPLATE, "--on-failure", "kafka")).isEqualTo(2);
        assertThat(console.err()).contains("sns, sqs, s3", "kafka");
        assertThat(console.out()).doesNotContain("starting kinesis-mock");
    }

    @Test
    void withoutAnOnFailureDestinationDiscardedRecordsAreLostAndTheRunSaysSo(@TempDir Path directory) throws IOException {
        String template = repositoryTemplateToCopy();
        String withoutDestination = template.replaceAll("(?m)^ +DestinationConfig:\\n +OnFailure:\\n +Type: SNS\\n +Destination: [^\\n]+\\n", "");
        assertThat(withoutDestination).isNotEqualTo(template);
        Path copy = Files.writeString(directory.resolve("template.yaml"), withoutDestination);

        int exit = run("--template", copy.toString(), "--records", "40", "--poison-rate", "0.2", "--seed", "5", "--max-retries", "0");

        assertThat(exit).isEqualTo(1);
        assertThat(console.out()).contains("no OnFailure destination", "LOST", "FAILED");
    }

    /**
     * The repository's template as text for a copy elsewhere: its functions' CodeUri and the hydrator's Location
     * made absolute, so the copy builds and runs the same code.
     */
    private static String repositoryTemplateToCopy() throws IOException {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        return Files.readString(Path.of(TEMPLATE)).replace("CodeUri: .\n", "CodeUri: " + root + "\n")
                .replace("Location: hydrator/template.yaml", "Location: " + root.resolve("hydrator/template.yaml"));
    }
}
