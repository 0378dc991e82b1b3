package io.kinesishydrator.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A function run as Lambda runs it: a fresh JVM with the runtime's default flags, the AWS Lambda Java runtime
 * interface client as its main class, the function's folder (classes at the root, jars in lib/, as
 * {@code sam build} lays it out) as its working directory, taking invocations from a {@link LambdaRuntimeApi}.
 */
public final class LambdaProcess implements AutoCloseable {
    private static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final List<String> RUNTIME_JAR_PREFIXES = List.of("aws-lambda-java-runtime-interface-client-",
            "aws-lambda-java-core-", "aws-lambda-java-serialization-", "utils-lite-");
    /** What the java21 runtime sets in JAVA_TOOL_OPTIONS' place: tiered compilation stopping at C1. */
    public static final List<String> RUNTIME_JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");
    /**
     * Not the runtime's: the runtime client loads its JNI library with System.load, which a local JDK 24+ warns
     * about, in the function's output, unless native access is enabled. Lambda's JDK 21 does not warn.
     */
    private static final List<String> LOCAL_JDK_FLAGS = List.of("--enable-native-access=ALL-UNNAMED");

    private final Process process;
    private final Path log;
    private final boolean temporaryLog;

    private LambdaProcess(Process process, Path log, boolean temporaryLog) {
        this.process = process;
        this.log = log;
        this.temporaryLog = temporaryLog;
    }

    /**
     * The memory flags the java21 runtime's launcher gives the JVM for a function of {@code memorySizeMb}: 85% of
     * the memory for the heap, 10% for metaspace, 5% for the code cache, and the serial collector, as a java21
     * function sees in its own JVM's input arguments (for 512 MB: {@code -XX:MaxHeapSize=445645k
     * -XX:MaxMetaspaceSize=52429k -XX:ReservedCodeCacheSize=26214k -XX:+UseSerialGC -Xshare:auto}).
     */
    public static List<String> memoryFlags(int memorySizeMb) {
        long kilobytes = memorySizeMb * 1024L;
        return List.of("-XX:MaxHeapSize=" + kilobytes * 85 / 100 + "k", "-XX:MaxMetaspaceSize=" + kilobytes * 10 / 100 + "k",
                "-XX:ReservedCodeCacheSize=" + kilobytes * 5 / 100 + "k", "-XX:+UseSerialGC", "-Xshare:auto");
    }

    /**
     * The runtime interface client and its dependencies from this JVM's class path, as absolute paths (the
     * function's JVM runs in the function's folder); nothing of the functions.
     */
    public static List<Path> runtimeClasspathOfThisJvm() {
        List<Path> jars = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath())
                .filter(jar -> RUNTIME_JAR_PREFIXES.stream().anyMatch(jar.getFileName().toString()::startsWith))
                .toList();
        if (jars.stream().noneMatch(jar -> jar.getFileName().toString().startsWith(RUNTIME_JAR_PREFIXES.get(0)))) {
            throw new IllegalStateException("the Lambda runtime interface client is not on this JVM's class path");
        }
        return jars;
    }

    /**
     * @param functionDir     the built function: classes at its root, dependencies in {@code lib/}
     * @param handler         {@code package.Class::method}
     * @param runtimeClasspath the runtime interface client and its dependencies, and nothing of the function
     * @param environment     the function's environment variables
     */
    public static LambdaProcess start(Path functionDir, String handler, List<Path> runtimeClasspath,
                                      Map<String, String> environment, LambdaRuntimeApi api) {
        Path log;
        try {
            log = Files.createTempFile("lambda-", ".log");
        } catch (IOException failure) {
            throw new LocalServerException("cannot create a log file for the function: " + failure.getMessage(), failure);
        }
        try {
            return new LambdaProcess(launch(functionDir, handler, runtimeClasspath, List.of(), environment, api,
                    ProcessBuilder.Redirect.to(log.toFile())), log, true);
        } catch (LocalServerException notStarted) {
            deleteLog(log);
            throw notStarted;
        }
    }

    /**
     * As {@link #start(Path, String, List, Map, LambdaRuntimeApi)}, with the JVM's memory capped as the java21
     * runtime caps it for {@code memorySizeMb} ({@link #memoryFlags(int)}), and its output appended to {@code log},
     * which outlives the process: a function started again after a crash or a timeout goes on in the same file.
     */
    public static LambdaProcess start(Path functionDir, String handler, List<Path> runtimeClasspath,
                                      Map<String, String> environment, int memorySizeMb, Path log, LambdaRuntimeApi api) {
        Map<String, String> sized = new HashMap<>(environment);
        sized.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memorySizeMb));
        return new LambdaProcess(launch(functionDir, handler, runtimeClasspath, memoryFlags(memorySizeMb), sized, api,
                ProcessBuilder.Redirect.appendTo(log.toFile())), log, false);
    }

    private static Process launch(Path functionDir, String handler, List<Path> runtimeClasspath, List<String> memoryFlags,
                                  Map<String, String> environment, LambdaRuntimeApi api, ProcessBuilder.Redirect output) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(memoryFlags);
        command.addAll(RUNTIME_JVM_FLAGS);
        command.addAll(LOCAL_JDK_FLAGS);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, runtimeClasspath.stream().map(Path::toString).toList()));
        command.add(RUNTIME_MAIN);
        command.add(handler);
        ProcessBuilder builder = new ProcessBuilder(command).directory(functionDir.toFile())
                .redirectErrorStream(true).redirectOutput(output);
        builder.environment().putAll(environment);
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
        builder.environment().put("LAMBDA_TASK_ROOT", functionDir.toString());
        builder.environment().put("_HANDLER", handler);
        builder.environment().putIfAbsent("AWS_LAMBDA_FUNCTION_NAME", "local");
        builder.environment().putIfAbsent("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        builder.environment().putIfAbsent("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        return Processes.start(builder, "the Lambda runtime interface client");
    }

    /** Invokes the function through {@code api} and waits for its answer; fails at once if the JVM dies. */
    public LambdaRuntimeApi.Result invoke(LambdaRuntimeApi api, String event, Duration timeout) {
        CompletableFuture<LambdaRuntimeApi.Result> answer = api.submit(event, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                return answer.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                if (!process.isAlive()) {
                    throw new LocalServerException("the function's JVM exited with code " + process.exitValue() + ": " + Processes.tail(log));
                }
            } catch (ExecutionException | InterruptedException failed) {
                throw new LocalServerException("invocation failed: " + failed.getMessage(), failed);
            }
        }
        throw new LocalServerException("the function did not answer within " + timeout.toSeconds() + " s: " + Processes.tail(log));
    }

    /** Everything the function and the runtime printed so far. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException unreadable) {
            return "(output unreadable: " + unreadable.getMessage() + ")";
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        Processes.stop(process);
        if (temporaryLog) {
            deleteLog(log);
        }
    }

    private static void deleteLog(Path log) {
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
