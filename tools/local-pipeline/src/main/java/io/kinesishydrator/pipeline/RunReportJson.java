package io.kinesishydrator.pipeline;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A run as one JSON document, for scripts and tests: the records put, every invocation of the consumer with its
 * answer, the OnFailure records, the dead-letter messages and the records lost (docs/local-runner.md, "The JSON report").
 */
final class RunReportJson {
    // Null values stay: a null response or error says something.
    private static final JSON WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES, JSON.Feature.PRETTY_PRINT_OUTPUT);

    private RunReportJson() {
    }

    static void write(PipelineResult result, Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        Files.writeString(file, of(result));
    }

    static String of(PipelineResult result) throws IOException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("source", result.source().name().toLowerCase(Locale.ROOT));
        report.put("functionLogs", result.functionLogs().toString());
        report.put("destination", result.destination().name().toLowerCase(Locale.ROOT));
        report.put("reconciled", result.reconciled());
        report.put("records", result.produced().stream().map(RunReportJson::record).toList());
        report.put("invocations", result.invocations().invocations().stream().map(RunReportJson::invocation).toList());
        report.put("onFailureRecords", result.stats().onFailureRecords.stream().map(RunReportJson::parsedOrText).toList());
        report.put("deadLetterMessages", result.deadLetters().bodies().stream().map(RunReportJson::parsedOrText).toList());
        report.put("lost", result.lost().stream().map(lost -> coordinates(lost.shardId(), lost.sequenceNumber())).toList());
        return WRITER.asString(report);
    }

    private static Map<String, Object> record(DemoProducer.Produced record) {
        Map<String, Object> json = coordinates(record.shardId(), record.sequenceNumber());
        json.put("partitionKey", record.partitionKey());
        json.put("dataBase64", Base64.getEncoder().encodeToString(record.data().asByteArrayUnsafe()));
        return json;
    }

    private static Map<String, Object> invocation(InvocationLog.Invocation invocation) {
        LambdaInvoker.Result result = invocation.result();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("function", invocation.function());
        json.put("shardId", invocation.shardId());
        json.put("sequenceNumbers", invocation.sequenceNumbers());
        json.put("response", result.failed() || result.response() == null || result.response().isBlank()
                ? null : parsedOrText(result.response()));
        json.put("error", result.failed() ? error(result.functionError()) : null);
        return json;
    }

    private static Map<String, Object> error(LambdaInvoker.FunctionError error) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("errorType", error.errorType());
        json.put("errorMessage", error.errorMessage());
        return json;
    }

    private static Map<String, Object> coordinates(String shardId, String sequenceNumber) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("shardId", shardId);
        json.put("sequenceNumber", sequenceNumber);
        return json;
    }

    /** {@code text} parsed when it is JSON (as the mapping reads a response), else the text itself. */
    private static Object parsedOrText(String text) {
        try {
            return JSON.std.anyFrom(text);
        } catch (IOException notJson) {
            return text;
        }
    }
}
