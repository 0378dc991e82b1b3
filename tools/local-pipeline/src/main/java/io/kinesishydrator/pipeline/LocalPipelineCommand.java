package io.kinesishydrator.pipeline;

import io.kinesishydrator.common.ProgressLine;
import io.kinesishydrator.local.LocalServerException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code make demo}: the whole failure flow on local servers, with a report and a reconciliation. */
@Command(name = "local-pipeline", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Runs the failure path on servers started on 127.0.0.1: demo orders (some poison) go into a Kinesis",
                "stream, or a records file's writes into the table whose stream the consumer's DynamoDB event reads;",
                "a played event source mapping with template.yaml's settings feeds the consumer; discarded",
                "batches go as OnFailure records to the destination (an SNS topic, an SQS queue or an S3 bucket) and",
                "from there to the hydrate, which puts them, with their data, in the dead-letter queue. Both functions",
                "are the template's, built if needed and run as Lambda runs them, each in its own JVM. Exits 0 only",
                "when every record was processed or is in the queue."})
public final class LocalPipelineCommand implements Callable<Integer> {
    /**
     * With {@code --keep-running}: each server's usual port (kinesis-mock's, DynamoDB Local's, ElasticMQ's,
     * S3Mock's; 4575 was LocalStack's SNS port), so the endpoints and the redrive tool's command are the same from
     * run to run.
     */
    static final LocalPipeline.ServerPorts KEEP_RUNNING_PORTS = new LocalPipeline.ServerPorts(4567, 8000, 9324, 4575, 9090);

    @Option(names = "--records", description = "Records to produce (default: ${DEFAULT-VALUE}).")
    int records = 200;

    @Option(names = "--poison-rate", description = "Share of poison records, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double poisonRate = 0.05;

    @Option(names = "--records-file", paramLabel = "FILE", description = "JSON Lines of records to put instead of the "
            + "demo orders: {\"partitionKey\": ..., \"data\": <UTF-8 text>} or {\"partitionKey\": ..., \"dataBase64\": ...}, "
            + "with an optional \"explicitHashKey\"; for a DynamoDB event's table, writes in DynamoDB JSON: {\"Item\": ...} "
            + "to put an item, {\"Key\": ...} to delete one.")
    Path recordsFile;

    @Option(names = "--seed", description = "Random seed of the demo data (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--shards", description = "Shards of the stream (default: ${DEFAULT-VALUE}).")
    int shards = 2;

    @Option(names = "--template", description = "SAM template to take the functions and the event source mapping from "
            + "(default: ${DEFAULT-VALUE}).")
    Path template = Path.of("template.yaml");

    @Option(names = "--parameter-overrides", arity = "1..*", paramLabel = "KEY=VALUE",
            description = "Template parameter values in place of their defaults, as sam deploy takes them.")
    List<String> parameterOverrides = List.of();

    @Option(names = "--function", description = "Logical id of the consumer in the template (default: the first "
            + "function, in template order, with a Kinesis or DynamoDB event).")
    String function;

    @Option(names = "--on-failure", paramLabel = "sns|sqs|s3", description = "OnFailure destination to play, and so the "
            + "hydrate's intake (default: the template's DestinationConfig.OnFailure.Type, else sns).")
    String onFailure;

    @Option(names = "--batch-size", description = "Override BatchSize.")
    Integer batchSize;

    @Option(names = "--batching-window", description = "Override MaximumBatchingWindowInSeconds.")
    Integer batchingWindowSeconds;

    @Option(names = "--max-retries", description = "Override MaximumRetryAttempts (-1: until the records expire).")
    Integer maximumRetryAttempts;

    @Option(names = "--bisect", arity = "1", description = "Override BisectBatchOnFunctionError (true or false).")
    Boolean bisect;

    @Option(names = "--max-record-age", description = "Override MaximumRecordAgeInSeconds (-1: no limit).")
    Long maximumRecordAgeSeconds;

    @Option(names = "--timeout", description = "Seconds the flow may take, from the first record put until every record "
            + "is processed or sent to the OnFailure destination; starting the servers and building the functions come "
            + "before it (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 300;

    // Under target/ of the working directory: the build's scratch space, which mvn clean empties.
    @Option(names = "--function-logs", description = "Folder of the functions' logs, one <LogicalId>.log each, as "
            + "CloudWatch would keep them; replaced on each run (default: ${DEFAULT-VALUE}).")
    Path functionLogs = Path.of("target", "local-pipeline", "logs");

    @Option(names = "--report-json", paramLabel = "FILE", description = "Also write the run as one JSON document: the "
            + "records put, the consumer's invocations and answers, the OnFailure records, the DLQ messages, the records lost.")
    Path reportJson;

    @Option(names = "--build-dir", description = "Folder the functions whose CodeUri holds no built code are built "
            + "into, one <LogicalId> folder each, and reused while their sources are unchanged (default: ${DEFAULT-VALUE}).")
    Path buildDir = Path.of("target", "local-pipeline", "functions");

    @Option(names = "--keep-running", description = "After the report, go on: the event source mapping polls the stream "
            + "and prints each invocation, on fixed ports (those below), until Ctrl-C. Records put with the AWS CLI or "
            + "by the redrive tool flow through.")
    boolean keepRunning;

    @Option(names = "--kinesis-port", description = "Port for kinesis-mock (default: a free one; 4567 with --keep-running).")
    int kinesisPort;

    @Option(names = "--dynamodb-port", description = "Port for DynamoDB Local, with a DynamoDB event (default: a free "
            + "one; 8000 with --keep-running).")
    int dynamoDbPort;

    @Option(names = "--sqs-port", description = "Port for ElasticMQ (default: a free one; 9324 with --keep-running).")
    int sqsPort;

    @Option(names = "--sns-port", description = "Port for fauxqs, with --on-failure sns (default: a free one; 4575 with --keep-running).")
    int snsPort;

    @Option(names = "--s3-port", description = "Port for S3Mock, with --on-failure s3 (default: a free one; 9090 with --keep-running).")
    int s3Port;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalPipelineCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        EventSourceMappingSettings settings;
        ChosenDestination chosen;
        PipelineTemplate functions;
        StreamInput input;
        try {
            validate();
            prepareReportFolder();
            Map<String, String> overrides = overrides();
            if (function == null) {
                function = SamTemplateReader.firstStreamConsumer(template);
            }
            settings = overridden(SamTemplateReader.consumerStreamSettings(template, function, overrides));
            functions = PipelineTemplate.read(template, function, overrides);
            input = StreamInput.of(functions.source(), recordsFile, records, poisonRate, seed);
            chosen = destination();
            checkEnvironments(functions);
        } catch (IllegalArgumentException | IllegalStateException invalid) {
            System.err.println("error: " + invalid.getMessage());
            return 2;
        }
        printHeader(out, functions, settings, chosen);
        StreamSource source = functions.source();
        OnFailureDestinationType destination = chosen.type();
        try {
            LocalPipeline.PipelineFunctions built = build(functions, out);
            out.println("  starting " + source.server() + (destination.server().equals("ElasticMQ") ? " and ElasticMQ"
                    : ", ElasticMQ and " + destination.server()) + " on 127.0.0.1 ...");
            try (LocalPipeline pipeline = LocalPipeline.start(ports(), shards, destination, built)) {
                out.println("  " + input.describe() + (source == StreamSource.KINESIS ? " on " + shards + " shards" : "")
                        + ", running the flow (function logs: " + functionLogs + ")");
                ProgressLine progress = new ProgressLine(out::println, Duration.ofSeconds(2));
                PipelineResult result = input.run(pipeline, settings, Duration.ofSeconds(timeoutSeconds), progress);
                PipelineReport.print(result, out);
                if (reportJson != null) {
                    RunReportJson.write(result, reportJson);
                }
                if (keepRunning) {
                    keepRunning(pipeline, out);
                }
                return result.reconciled() ? 0 : 1;
            }
        } catch (FlowTimedOutException timedOut) {
            System.err.println("error: the records were not all settled within --timeout " + timeoutSeconds
                    + " s, counted from the first record put; raise it, e.g. --timeout " + timeoutSeconds * 4);
            return 1;
        } catch (LocalServerException | IllegalArgumentException | IllegalStateException failed) {
            System.err.println("error: " + failed.getMessage());
            return 2;
        } catch (IOException unwritable) {
            // A logs, build or report path that cannot be written.
            System.err.println("error: cannot write " + unwritable.getMessage());
            return 2;
        }
    }

    /** What the run plays, read from the template, before anything starts. */
    private void printHeader(PrintStream out, PipelineTemplate functions, EventSourceMappingSettings settings,
                             ChosenDestination chosen) {
        out.println("kinesis-hydrator local pipeline");
        out.println("  event source mapping (" + template + ", " + function + ", " + functions.source().description() + "): "
                + describe(settings));
        OnFailureDestinationType destination = chosen.type();
        out.println("  OnFailure destination: " + destination.destination() + " (" + chosen.chosenBy() + "); "
                + (functions.hydrate().isPresent() ? "hydrate's " + destination.intake()
                : "no function of the template takes its records, which stay there"));
        out.println("  functions: " + describe(functions.consumer())
                + functions.hydrate().map(hydrate -> "; " + describe(hydrate)).orElse(""));
        out.println("  not played: " + (functions.notPlayed().isEmpty() ? "(none)" : String.join(", ", functions.notPlayed())));
    }

    /**
     * Goes on until Ctrl-C, which stops the servers and the functions' JVMs through a shutdown hook: the mapping
     * polls the stream and prints each invocation, so records put with the AWS CLI or by the redrive tool flow
     * through the pipeline as on AWS.
     */
    private static void keepRunning(LocalPipeline pipeline, PrintStream out) {
        Thread shutdown = new Thread(pipeline::close, "local-pipeline-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        out.println();
        out.println("Still running: the event source mapping polls the stream and prints each invocation; Ctrl-C stops it all.");
        pipeline.endpoints().forEach(line -> out.println("  " + line));
        out.println();
        try {
            pipeline.keepRunning(out);
        } catch (ShardBlockedException blocked) {
            out.println("  BLOCKED: " + blocked.getMessage());
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdown);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running.
        }
    }

    /** The functions' folders, built where needed, and a fresh logs folder. */
    private LocalPipeline.PipelineFunctions build(PipelineTemplate functions, PrintStream out) throws IOException {
        Files.createDirectories(buildDir);
        Path consumerFolder = FunctionCode.folder(functions.consumer(), buildDir, line -> out.println("  " + line));
        Path hydrateFolder = functions.hydrate().map(hydrate -> FunctionCode.folder(hydrate, buildDir, line -> out.println("  " + line)))
                .orElse(null);
        Files.createDirectories(functionLogs);
        LocalPipeline.PipelineFunctions built = new LocalPipeline.PipelineFunctions(functions, consumerFolder, hydrateFolder, functionLogs);
        for (SamFunction each : functions.all()) {
            Files.deleteIfExists(built.log(each));
        }
        return built;
    }

    /** Evaluates the functions' environments with stand-ins for the servers, so a bad one fails before anything starts. */
    /** The JSON report's folder, made now, so a report that cannot be written stops the run before it starts. */
    private void prepareReportFolder() {
        if (reportJson == null) {
            return;
        }
        Path folder = reportJson.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException unwritable) {
            throw new IllegalArgumentException("--report-json " + reportJson + ": its folder cannot be made (" + unwritable + ")",
                    unwritable);
        }
        if (!Files.isWritable(folder)) {
            throw new IllegalArgumentException("--report-json " + reportJson + ": its folder " + folder + " is not writable");
        }
    }

    /** The ports given, and with {@code --keep-running} the fixed ones for those not given, else free ones. */
    private LocalPipeline.ServerPorts ports() {
        LocalPipeline.ServerPorts fallback = keepRunning ? KEEP_RUNNING_PORTS : new LocalPipeline.ServerPorts(0, 0, 0, 0, 0);
        return new LocalPipeline.ServerPorts(kinesisPort > 0 ? kinesisPort : fallback.kinesis(),
                dynamoDbPort > 0 ? dynamoDbPort : fallback.dynamoDb(), sqsPort > 0 ? sqsPort : fallback.sqs(),
                snsPort > 0 ? snsPort : fallback.sns(), s3Port > 0 ? s3Port : fallback.s3());
    }

    private static void checkEnvironments(PipelineTemplate functions) {
        functions.all().forEach(SamFunction::environment);
    }

    private Map<String, String> overrides() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String override : parameterOverrides) {
            int equals = override.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("--parameter-overrides takes KEY=VALUE pairs, got '" + override + "'");
            }
            values.put(override.substring(0, equals), override.substring(equals + 1));
        }
        return values;
    }

    private static String describe(SamFunction function) {
        return function.logicalId() + " (" + function.handler() + ", " + function.memorySizeMb() + " MB, "
                + function.timeout().toSeconds() + " s)";
    }

    private void validate() {
        if (records < 1) {
            throw new IllegalArgumentException("--records must be at least 1");
        }
        if (poisonRate < 0 || poisonRate > 1) {
            throw new IllegalArgumentException("--poison-rate must be between 0 and 1");
        }
        if (shards < 1 || shards > 50) {
            throw new IllegalArgumentException("--shards must be between 1 and 50");
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second");
        }
    }

    /** The destination to play, and what chose it. */
    private record ChosenDestination(OnFailureDestinationType type, String chosenBy) {
    }

    /** {@code --on-failure}, else the type the template names, else SNS. */
    private ChosenDestination destination() {
        if (onFailure != null) {
            return new ChosenDestination(OnFailureDestinationType.of(onFailure), "--on-failure");
        }
        Optional<String> written = SamTemplateReader.consumerOnFailureType(template, function);
        if (written.isEmpty()) {
            return new ChosenDestination(OnFailureDestinationType.SNS, "the template names no type");
        }
        try {
            return new ChosenDestination(OnFailureDestinationType.of(written.get()), template + ", DestinationConfig.OnFailure.Type");
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException(template + ": " + function + " DestinationConfig.OnFailure.Type: "
                    + unknown.getMessage() + "; --on-failure picks one to play", unknown);
        }
    }

    private EventSourceMappingSettings overridden(EventSourceMappingSettings settings) {
        EventSourceMappingSettings result = settings;
        if (batchSize != null) {
            result = result.withBatchSize(batchSize);
        }
        if (batchingWindowSeconds != null) {
            result = result.withMaximumBatchingWindow(Duration.ofSeconds(batchingWindowSeconds));
        }
        if (maximumRetryAttempts != null) {
            result = result.withMaximumRetryAttempts(maximumRetryAttempts);
        }
        if (bisect != null) {
            result = result.withBisectBatchOnFunctionError(bisect);
        }
        if (maximumRecordAgeSeconds != null) {
            result = result.withMaximumRecordAge(EventSourceMappingSettings.maximumRecordAgeOfSeconds(maximumRecordAgeSeconds));
        }
        return result;
    }

    private static String describe(EventSourceMappingSettings settings) {
        return "BatchSize " + settings.batchSize()
                + ", MaximumBatchingWindowInSeconds " + settings.maximumBatchingWindow().toSeconds()
                + ", MaximumRetryAttempts " + settings.maximumRetryAttempts()
                + ", BisectBatchOnFunctionError " + settings.bisectBatchOnFunctionError()
                + ", MaximumRecordAgeInSeconds " + (settings.hasMaximumRecordAge() ? settings.maximumRecordAge().toSeconds() : -1)
                + ", StartingPosition " + settings.startingPosition()
                + (settings.reportBatchItemFailures() ? ", ReportBatchItemFailures" : "")
                + (settings.onFailureDestination() ? ", OnFailure destination" : ", no OnFailure destination");
    }
}
