package io.kinesishydrator.bench;

import io.kinesishydrator.local.Folders;
import io.kinesishydrator.local.ElasticMq;
import io.kinesishydrator.local.KinesisMock;
import io.kinesishydrator.local.LambdaProcess;
import io.kinesishydrator.local.LambdaRuntimeApi;
import io.kinesishydrator.local.LocalCredentials;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cold start: for each function, fresh JVMs under the Lambda runtime interface client with the runtime's flags
 * ({@link LambdaProcess}), timed from just before the process is started to the first invocation's answer
 * arriving at the {@link LambdaRuntimeApi}. Samples are interleaved across functions, so a burst of load on the
 * machine spreads over all of them instead of skewing one.
 *
 * <p>System properties (all optional):
 * <ul>
 *   <li>{@code bench.coldstart.samples} (10) timed samples per function, after
 *       {@code bench.coldstart.warmupRounds} (1) untimed rounds that fill the OS file cache;</li>
 *   <li>{@code bench.artifacts}: a folder holding ConsumerFunction/, DynamoDbConsumerFunction/ and HydrateFunction/
 *       as {@code sam build} lays them out (e.g. .aws-sam/build); without it they are built with the Makefile
 *       targets into tools/benchmarks/target/lambda;</li>
 *   <li>{@code bench.root}: the repository (Makefile, events/); found from the working directory by default;</li>
 *   <li>{@code bench.coldstart.functions} (ConsumerFunction,DynamoDbConsumerFunction,HydrateFunction,
 *       HydratePojoHandler,Plain,EmptyPojo,Empty): HydratePojoHandler is the hydrate's artifact run by its POJO
 *       handler, Plain the plain baseline handler with the jars it deploys with, Empty a stream handler that writes
 *       "ok" (JVM and runtime client alone), EmptyPojo a handler that takes its event as a map (the runtime's JSON
 *       serializers added). The bench functions' folders are laid out in tools/benchmarks/target/lambda too.</li>
 * </ul>
 */
final class ColdStart {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Where the functions' folders are laid out, relative to the repository. */
    private static final String LAMBDA_FOLDERS = "tools/benchmarks/target/lambda";
    static final String EMPTY = "Empty";
    static final String EMPTY_POJO = "EmptyPojo";
    static final String PLAIN = "Plain";
    /** The hydrate's artifact with the POJO handler, whose SNS event the runtime client's serializers read. */
    static final String HYDRATE_POJO = "HydratePojoHandler";
    /** What a plain function deploys with: the runtime library, the events library with its joda-time, and databind. */
    private static final List<String> PLAIN_JARS = List.of("aws-lambda-java-core-", "aws-lambda-java-events-", "joda-time-",
            "jackson-databind-", "jackson-core-", "jackson-annotations-");

    /** The section's table, and per function its median cold start and its folder's size. */
    record Result(String table, Map<String, Double> medianMillis, Map<String, Long> folderBytes) {
    }

    /** A function to start; {@code processor} is its {@code RECORD_PROCESSOR}, as the template sets it, or null. */
    private record Function(String name, String handler, String eventFile, Path folder, String processor) {
        Function(String name, String handler, String eventFile, Path folder) {
            this(name, handler, eventFile, folder, null);
        }

        Map<String, String> environment(Map<String, String> shared) {
            if (processor == null) {
                return shared;
            }
            Map<String, String> environment = new HashMap<>(shared);
            environment.put("RECORD_PROCESSOR", processor);
            return environment;
        }
    }

    Result run() throws IOException, InterruptedException {
        List<String> names = Bench.list("bench.coldstart.functions", "ConsumerFunction,DynamoDbConsumerFunction,HydrateFunction,HydratePojoHandler,Plain,EmptyPojo,Empty");
        int samples = Integer.getInteger("bench.coldstart.samples", 10);
        int warmupRounds = Integer.getInteger("bench.coldstart.warmupRounds", 1);
        List<Function> functions = new ArrayList<>();
        for (String name : names) {
            functions.add(switch (name) {
                case "ConsumerFunction" -> new Function(name, "io.kinesishydrator.consumer.KinesisConsumerHandler::handleRequest",
                        "kinesis-batch.json", deployedFolder(name), "io.kinesishydrator.examples.orders.OrderRecordProcessor");
                case "DynamoDbConsumerFunction" -> new Function(name,
                        "io.kinesishydrator.consumer.DynamoDbStreamConsumerHandler::handleRequest",
                        "dynamodb-stream-batch.json", deployedFolder(name), "io.kinesishydrator.examples.orders.OrderChangeRecordProcessor");
                case "HydrateFunction" -> new Function(name, "io.kinesishydrator.hydrate.HydrateStreamHandler::handleRequest",
                        "sns-onfailure-retries-exhausted.json", deployedFolder(name));
                case HYDRATE_POJO -> new Function(name, "io.kinesishydrator.hydrate.HydrateHandler::handleRequest",
                        "sns-onfailure-retries-exhausted.json", deployedFolder("HydrateFunction"));
                case PLAIN -> new Function(name, PlainKinesisHandler.class.getName() + "::handleRequest", "kinesis-batch.json",
                        localFunction(name, List.of(PlainKinesisHandler.class, PlainOrderHandler.class,
                                PlainOrderHandler.PlainOrder.class), PLAIN_JARS));
                case EMPTY -> new Function(name, EmptyHandler.class.getName() + "::handleRequest", null,
                        localFunction(name, List.of(EmptyHandler.class), List.of("aws-lambda-java-core-")));
                case EMPTY_POJO -> new Function(name, EmptyPojoHandler.class.getName() + "::handleRequest", null,
                        localFunction(name, List.of(EmptyPojoHandler.class), List.of("aws-lambda-java-core-")));
                default -> throw new IllegalArgumentException("bench.coldstart.functions: unknown function " + name);
            });
        }
        List<Path> runtime = LambdaProcess.runtimeClasspathOfThisJvm();
        // The hydrate reads from Kinesis and writes to SQS: both servers run for the whole section, outside the timing.
        boolean hydrate = names.contains("HydrateFunction");
        try (KinesisMock kinesis = hydrate ? KinesisMock.start() : null;
             ElasticMq sqs = hydrate ? ElasticMq.start() : null) {
            Map<String, String> environment = new HashMap<>(Map.of(
                    "AWS_REGION", LocalCredentials.REGION.id(),
                    "AWS_ACCESS_KEY_ID", LocalCredentials.ACCESS_KEY_ID,
                    "AWS_SECRET_ACCESS_KEY", LocalCredentials.SECRET_ACCESS_KEY));
            if (hydrate) {
                // The event's stream is not created: the hydrate answers with an INCOMPLETE hydration after one
                // failed Kinesis call and one SQS send, which is the client set-up a cold start pays for.
                environment.put("DLQ_URL", sqs.createQueue("bench-dlq"));
                environment.put("AWS_ENDPOINT_URL_KINESIS", kinesis.endpoint().toString());
                environment.put("AWS_ENDPOINT_URL_SQS", sqs.endpoint().toString());
            }
            Map<String, List<Double>> timings = new LinkedHashMap<>();
            Map<String, String> answers = new LinkedHashMap<>();
            functions.forEach(function -> timings.put(function.name(), new ArrayList<>()));
            for (int round = -warmupRounds; round < samples; round++) {
                for (Function function : functions) {
                    Sample sample = sample(function, runtime, environment);
                    answers.putIfAbsent(function.name(), sample.answer());
                    if (round >= 0) {
                        timings.get(function.name()).add(sample.millis());
                    }
                }
                System.out.printf(Locale.ROOT, "cold start: %s %d of %d%n", round < 0 ? "warm-up round" : "sample",
                        round < 0 ? round + warmupRounds + 1 : round + 1, round < 0 ? warmupRounds : samples);
            }
            return table(functions, timings, answers, samples);
        }
    }

    private record Sample(double millis, String answer) {
    }

    private static Sample sample(Function function, List<Path> runtime, Map<String, String> environment) throws IOException {
        String event = function.eventFile() == null ? "{}" : event(function.eventFile());
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start()) {
            long started = System.nanoTime();
            try (LambdaProcess lambda = LambdaProcess.start(function.folder(), function.handler(), runtime, function.environment(environment), api)) {
                LambdaRuntimeApi.Result result = lambda.invoke(api, event, TIMEOUT);
                long answered = System.nanoTime();
                if (result.error()) {
                    throw new IllegalStateException(function.name() + " answered with an error: " + result.body()
                            + "\noutput:\n" + lambda.output());
                }
                return new Sample((answered - started) / 1e6, result.body());
            }
        }
    }

    private static Result table(List<Function> functions, Map<String, List<Double>> timings, Map<String, String> answers,
                                int samples) throws IOException {
        Map<String, Double> medians = new LinkedHashMap<>();
        Map<String, Long> sizes = new LinkedHashMap<>();
        double emptyMedian = timings.containsKey(EMPTY) ? percentile(timings.get(EMPTY), 50) : Double.NaN;
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "Cold start (process start to first response, %d samples each, runtime flags %s)%n",
                samples, String.join(" ", LambdaProcess.RUNTIME_JVM_FLAGS)));
        table.append(String.format(Locale.ROOT, "%-24s %10s %10s %13s %14s %6s%n",
                "function", "median ms", "p90 ms", "ratio/Empty", "folder bytes", "jars"));
        for (Function function : functions) {
            List<Double> millis = timings.get(function.name());
            double median = percentile(millis, 50);
            medians.put(function.name(), median);
            sizes.put(function.name(), folderBytes(function.folder()));
            table.append(String.format(Locale.ROOT, "%-24s %10.0f %10.0f %13s %14d %6d%n",
                    function.name(), median, percentile(millis, 90),
                    Double.isNaN(emptyMedian) ? "-" : String.format(Locale.ROOT, "%.2f", median / emptyMedian),
                    folderBytes(function.folder()), jarCount(function.folder())));
        }
        table.append("First answers:\n");
        answers.forEach((name, answer) -> table.append("  ").append(name).append(": ")
                .append(answer.length() > 200 ? answer.substring(0, 200) + "..." : answer).append('\n'));
        return new Result(table.toString(), medians, sizes);
    }

    /** Nearest-rank percentile: a value that was measured, never one interpolated between two samples. */
    static double percentile(List<Double> values, double percent) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    private static long folderBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException unreadable) {
                    throw new UncheckedIOException(unreadable);
                }
            }).sum();
        }
    }

    private static long jarCount(Path folder) throws IOException {
        Path lib = folder.resolve("lib");
        if (!Files.isDirectory(lib)) {
            return 0;
        }
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(jar -> jar.getFileName().toString().endsWith(".jar")).count();
        }
    }

    private static String event(String file) throws IOException {
        try (InputStream in = ColdStart.class.getResourceAsStream("/events/" + file)) {
            if (in == null) {
                throw new IOException("event " + file + " is not on the class path (tools/benchmarks/target/classes/events)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A function folder as deployed: from bench.artifacts, or built now with the target sam build runs. */
    private static Path deployedFolder(String name) throws IOException, InterruptedException {
        String given = System.getProperty("bench.artifacts");
        if (given != null && !given.isBlank()) {
            Path folder = Path.of(given).toAbsolutePath().resolve(name);
            if (!Files.isDirectory(folder.resolve("lib"))) {
                throw new IllegalArgumentException("bench.artifacts: " + folder + " is not a built function (no lib/)");
            }
            return folder;
        }
        Path root = repositoryRoot();
        Path folder = root.resolve(LAMBDA_FOLDERS).resolve(name);
        System.out.println("cold start: building " + name + " with make build-" + name + " into " + folder);
        Process make = new ProcessBuilder("make", "-C", root.toString(), "build-" + name, "ARTIFACTS_DIR=" + folder)
                .inheritIO().start();
        if (!make.waitFor(10, TimeUnit.MINUTES) || make.exitValue() != 0) {
            make.destroyForcibly();
            throw new IllegalStateException("make build-" + name + " failed; build the functions first and pass -Dbench.artifacts");
        }
        return folder;
    }

    private static Path repositoryRoot() {
        String given = System.getProperty("bench.root");
        if (given != null && !given.isBlank()) {
            return Path.of(given).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("Makefile")) && Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository (Makefile, template.yaml) above the working directory; "
                + "pass -Dbench.root or -Dbench.artifacts");
    }

    /**
     * A function folder laid out as sam build would, replaced on each run: the given classes at the root, and the
     * jars of this JVM's class path whose names start with {@code jarPrefixes} in lib/.
     */
    private static Path localFunction(String name, List<Class<?>> classes, List<String> jarPrefixes) throws IOException {
        Path folder = repositoryRoot().resolve(LAMBDA_FOLDERS).resolve(name);
        Folders.deleteRecursively(folder);
        for (Class<?> type : classes) {
            String classFile = type.getName().replace('.', '/') + ".class";
            Path target = folder.resolve(classFile);
            Files.createDirectories(target.getParent());
            try (InputStream in = type.getResourceAsStream("/" + classFile)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.createDirectories(folder.resolve("lib"));
        for (Path jar : classPathJars(jarPrefixes)) {
            Files.copy(jar, folder.resolve("lib").resolve(jar.getFileName()));
        }
        return folder;
    }


    private static List<Path> classPathJars(List<String> prefixes) {
        List<Path> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath())
                .filter(jar -> prefixes.stream().anyMatch(prefix -> jar.getFileName().toString().startsWith(prefix)))
                .toList();
        if (jars.size() != prefixes.size()) {
            throw new IllegalStateException("expected one jar on the class path for each of " + prefixes + ", found " + jars);
        }
        return jars;
    }
}
