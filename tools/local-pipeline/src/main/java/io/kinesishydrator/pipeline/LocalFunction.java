package io.kinesishydrator.pipeline;

import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.local.LambdaProcess;
import io.kinesishydrator.local.LambdaRuntimeApi;
import io.kinesishydrator.local.LocalServerException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A template's function run as Lambda runs it: its built folder in a JVM of its own, through the AWS Lambda Java
 * runtime interface client, with the java21 runtime's flags, a heap sized from {@code MemorySize}, and its
 * environment. Started on the first invocation, as Lambda starts an execution environment, whose init (up to 10 s)
 * does not count toward the invocation's {@code Timeout}; an invocation that runs past {@code Timeout} fails with Lambda's timeout error, and one whose runtime dies fails with Lambda's
 * exit error. Either way the environment is gone, and the next invocation starts a new one.
 */
final class LocalFunction implements LambdaInvoker, AutoCloseable {
    /** Lambda's limit on an on-demand function's init phase, which does not count toward its Timeout. */
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(10);

    private final SamFunction definition;
    private final Path folder;
    private final Map<String, String> environment;
    private final List<Path> runtimeClasspath;
    private final Path log;
    private LambdaRuntimeApi api;
    private LambdaProcess process;

    /**
     * @param environment the whole environment: the template's variables and what Lambda sets
     * @param log         the file the function's output goes to, across restarts
     */
    LocalFunction(SamFunction definition, Path folder, Map<String, String> environment, List<Path> runtimeClasspath, Path log) {
        this.definition = definition;
        this.folder = folder;
        this.environment = Map.copyOf(environment);
        this.runtimeClasspath = runtimeClasspath;
        this.log = log;
    }

    SamFunction definition() {
        return definition;
    }

    @Override
    public synchronized Result invoke(String eventJson) {
        if (process == null || !process.isAlive()) {
            start();
        }
        try {
            LambdaRuntimeApi.Result answer = process.invoke(api, eventJson, definition.timeout());
            return answer.error() ? error(answer.body()) : Result.response(answer.body());
        } catch (LocalServerException environmentGone) {
            boolean timedOut = process.isAlive();
            stop();
            return timedOut
                    ? Result.error("Sandbox.Timedout", "Task timed out after " + definition.timeout().toSeconds() + ".00 seconds")
                    : Result.error("Runtime.ExitError", "Runtime exited: " + environmentGone.getMessage());
        }
    }

    private void start() {
        stop();
        api = LambdaRuntimeApi.start(definition.arn());
        process = LambdaProcess.start(folder, definition.handler(), runtimeClasspath, environment, definition.memorySizeMb(), log, api);
        // An init error or a runtime that never gets ready shows in the invocation that follows.
        api.awaitInitialised(INIT_TIMEOUT);
    }

    /** The runtime's error document ({@code errorType}, {@code errorMessage}) as a function error. */
    private static Result error(String body) {
        try {
            Map<String, Object> error = JSON.std.mapFrom(body);
            return Result.error(String.valueOf(error.get("errorType")), String.valueOf(error.get("errorMessage")));
        } catch (IOException notJson) {
            return Result.error("Unhandled", body);
        }
    }

    private void stop() {
        if (process != null) {
            process.close();
            process = null;
        }
        if (api != null) {
            api.close();
            api = null;
        }
    }

    @Override
    public synchronized void close() {
        stop();
    }
}
