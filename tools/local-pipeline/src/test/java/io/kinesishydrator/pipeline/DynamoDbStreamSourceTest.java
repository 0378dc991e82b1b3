package io.kinesishydrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * A consumer on a DynamoDB table's stream, through the command: the table created from the template, a records
 * file's puts and deletes, a poison item, and the hydrate reading the failed range back from DynamoDB Local.
 */
class DynamoDbStreamSourceTest {
    private static final Path BUILDS = Path.of("target", "local-pipeline", "functions");
    /** Batches of 4: [o-1, o-2, o-3 poison, o-1 again] fails from o-3 on; [delete o-2, o-4] is processed. */
    private static final List<String> WRITES = List.of(
            "{\"Item\": {\"orderId\": {\"S\": \"o-1\"}, \"customerId\": {\"S\": \"c-1\"}, \"quantity\": {\"N\": \"1\"}}}",
            "{\"Item\": {\"orderId\": {\"S\": \"o-2\"}, \"customerId\": {\"S\": \"c-2\"}, \"quantity\": {\"N\": \"2\"}}}",
            "{\"Item\": {\"orderId\": {\"S\": \"o-3\"}, \"customerId\": {\"S\": \"c-1\"}, \"poison\": {\"BOOL\": true}}}",
            "{\"Item\": {\"orderId\": {\"S\": \"o-1\"}, \"customerId\": {\"S\": \"c-1\"}, \"quantity\": {\"N\": \"5\"}}}",
            "",
            "{\"Key\": {\"orderId\": {\"S\": \"o-2\"}}}",
            "{\"Item\": {\"orderId\": {\"S\": \"o-4\"}, \"tags\": {\"SS\": [\"web\", \"gift\"]}}}");

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path directory;

    @Test
    void aPoisonItemAndTheChangesAfterItInItsBatchReachTheDeadLetterQueueHydratedAndTheRestIsProcessed() throws IOException {
        Path records = Files.write(directory.resolve("writes.jsonl"), WRITES);
        Path reportFile = directory.resolve("report.json");

        int exit = run("--template", FixtureTemplates.write("/fixture-dynamodb-template.yaml", directory).toString(),
                "--function", "FixtureTableConsumer", "--records-file", records.toString(), "--report-json", reportFile.toString());

        assertThatTheJsonReportShowsThePoisonItemsBatch(JSON.std.mapFrom(Files.readString(reportFile)));
        String output = console.out();
        assertThat(exit).as(console.both()).isZero();
        assertThat(output).contains("FixtureTableConsumer, DynamoDB table stream): BatchSize 4", "MaximumRetryAttempts 1",
                "ReportBatchItemFailures", "starting DynamoDB Local and ElasticMQ", "stream                 DynamoDB table stream",
                "records produced       6", "records processed      4", "batches retried        2",
                "OnFailure records      1 {RetryAttemptsExhausted=1}, covering 2 records",
                "DLQ messages           1 for 1 failed batch, holding 2 hydrated records", "nothing lost", "OK");
        // The hydrated records keep their change in DynamoDB JSON, images included.
        assertThat(output).contains("INSERT {\"Keys\":{\"orderId\":{\"S\":\"o-3\"}},\"NewImage\":{",
                "MODIFY {\"Keys\":{\"orderId\":{\"S\":\"o-1\"}},\"NewImage\":{");
        List<String> invocations = log().lines().filter(line -> line.startsWith("invoked: table FixtureTable,")).toList();
        // The first batch; from the poison item on, a new batch with its own retry (MaximumRetryAttempts 1); the rest.
        assertThat(invocations).hasSize(4);
        assertThat(invocations.get(0)).contains("4 records");
        assertThat(invocations.subList(1, 4)).allSatisfy(invocation -> assertThat(invocation).contains("2 records"));
    }

    @Test
    void theTableIsPlayedWithItsKeyAndStreamAndTheEnvironmentNamesItsLocalValues() throws IOException {
        PipelineTemplate template = PipelineTemplate.read(FixtureTemplates.write("/fixture-dynamodb-template.yaml", directory),
                "FixtureTableConsumer", Map.of());

        assertThat(template.source()).isEqualTo(StreamSource.DYNAMODB);
        TableDefinition table = template.table().orElseThrow();
        assertThat(table.tableName()).isEqualTo("FixtureTable");
        assertThat(table.streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        // customerId is defined for the index only, which the local table has not.
        assertThat(table.keyAttributes()).containsExactly(AttributeDefinition.builder().attributeName("orderId")
                .attributeType(ScalarAttributeType.S).build());
        assertThat(template.notPlayed()).doesNotContain("FixtureTable", "FixtureTableConsumer");
        assertThat(template.consumer().environment()).containsEntry("TABLE_NAME", "FixtureTable")
                .containsEntry("TABLE_ARN", "arn:aws:dynamodb:us-east-1:000000000000:table/FixtureTable");
    }

    @Test
    void aTableStreamWithoutARecordsFileIsAClearError() throws IOException {
        int exit = run("--template", FixtureTemplates.write("/fixture-dynamodb-template.yaml", directory).toString(),
                "--function", "FixtureTableConsumer");

        assertThat(exit).isEqualTo(2);
        assertThat(console.err().lines()).hasSize(1).first().asString()
                .contains("DynamoDB event", "--records-file", "\"Item\"", "\"Key\"");
    }

    @Test
    void aMalformedWriteIsAClearErrorNamingItsLine() throws IOException {
        Path records = Files.write(directory.resolve("writes.jsonl"), List.of(WRITES.get(0), "{\"Item\": {\"orderId\": \"o-2\"}}"));

        int exit = run("--template", FixtureTemplates.write("/fixture-dynamodb-template.yaml", directory).toString(),
                "--function", "FixtureTableConsumer", "--records-file", records.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(console.err().lines()).hasSize(1).first().asString()
                .contains(records + " line 2", "attribute orderId");
    }

    @Test
    void anItemWithoutTheTablesKeyIsAClearErrorNamingItsLine() throws IOException {
        Path records = Files.write(directory.resolve("writes.jsonl"), List.of(WRITES.get(0), "{\"Item\": {\"sku\": {\"S\": \"SKU-1\"}}}"));

        int exit = run("--template", FixtureTemplates.write("/fixture-dynamodb-template.yaml", directory).toString(),
                "--function", "FixtureTableConsumer", "--records-file", records.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(console.err().lines()).hasSize(1).first().asString()
                .contains(records + " line 2", "DynamoDB refused the write");
    }

    @Test
    void aTableWithoutAStreamIsAClearError() throws IOException {
        Path template = FixtureTemplates.write("/fixture-dynamodb-template.yaml", directory);
        Files.writeString(template, Files.readString(template).replace("      StreamSpecification:\n        StreamViewType: NEW_AND_OLD_IMAGES\n", ""));

        int exit = run("--template", template.toString(), "--function", "FixtureTableConsumer", "--records-file", "unused.jsonl");

        assertThat(exit).isEqualTo(2);
        assertThat(console.err()).contains("FixtureTable has no StreamSpecification.StreamViewType");
    }

    /** The stream's six changes; o-3's batch of two (o-3, o-1's update) sent once, then retried once; the rest processed. */
    @SuppressWarnings("unchecked")
    private static void assertThatTheJsonReportShowsThePoisonItemsBatch(Map<String, Object> report) {
        assertThat(report).containsEntry("source", "dynamodb").containsEntry("reconciled", true).containsEntry("lost", List.of());
        List<String> changes = ((List<Map<String, Object>>) report.get("records")).stream()
                .map(record -> (String) record.get("sequenceNumber")).toList();
        assertThat(changes).hasSize(6);
        List<String> poisonBatch = changes.subList(2, 4);
        List<Map<String, Object>> invocations = (List<Map<String, Object>>) report.get("invocations");
        assertThat(invocations).extracting(invocation -> invocation.get("sequenceNumbers"))
                .containsExactly(changes.subList(0, 4), poisonBatch, poisonBatch, changes.subList(4, 6));
        assertThat(invocations.get(0)).containsEntry("response",
                Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", changes.get(2)))));
        Map<String, Object> onFailure = ((List<Map<String, Object>>) report.get("onFailureRecords")).get(0);
        assertThat((Map<String, Object>) onFailure.get("DDBStreamBatchInfo")).containsEntry("batchSize", 2)
                .containsEntry("startSequenceNumber", changes.get(2)).containsEntry("endSequenceNumber", changes.get(3));
        assertThat((List<Map<String, Object>>) report.get("deadLetterMessages")).singleElement()
                .satisfies(message -> assertThat((List<Map<String, Object>>) message.get("records"))
                        .extracting(record -> record.get("sequenceNumber")).containsExactlyElementsOf(poisonBatch));
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--build-dir", BUILDS.toString(), "--function-logs", directory.resolve("logs").toString()));
        return new CommandLine(new LocalPipelineCommand()).execute(all.toArray(String[]::new));
    }

    private String log() throws IOException {
        return Files.readString(directory.resolve("logs").resolve("FixtureTableConsumer.log"));
    }
}
