package io.kinesishydrator.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A server from the local servers' Node.js packages, run as a child process with its sockets kept on 127.0.0.1
 * (the {@code bind-loopback.js} preload) and a shutdown hook so it never outlives this JVM. Its output goes to a
 * temporary log file, deleted when the server stops, whether by {@link #close()} or by the hook; a failed start
 * keeps it and names it in its message, beside the tail that usually explains the failure.
 */
final class NodeServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final Thread shutdownHook;

    private NodeServer(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.shutdownHook = new Thread(() -> {
            process.destroyForcibly();
            deleteLog();
        }, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code node_modules/<script>} on {@code port} and waits until {@code ready} says it serves.
     *
     * @param environment the server's settings, its port among them
     * @param ready       probes the server; called until it answers true, the process dies or a minute passes
     */
    static NodeServer start(String name, String script, int port, Map<String, String> environment,
                            Predicate<NodeServer> ready) {
        Ports.requireFree(port, name);
        Path packages = NodePackages.installed();
        Path entryPoint = packages.resolve("node_modules").resolve(script);
        Path log = logFile(name);
        ProcessBuilder builder = new ProcessBuilder(List.of("node", "-r", packages.resolve("bind-loopback.js").toString(),
                entryPoint.toString()))
                .directory(packages.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        NodeServer server = new NodeServer(name, Processes.start(builder, name), port, log);
        server.await(() -> ready.test(server));
        return server;
    }

    private static Path logFile(String name) {
        try {
            return Files.createTempFile(name + "-", ".log");
        } catch (IOException failure) {
            throw new LocalServerException("cannot create a log file for " + name + ": " + failure.getMessage(), failure);
        }
    }

    private void await(BooleanSupplier ready) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw failedStart(name + " exited with code " + process.exitValue() + " while starting");
            }
            if (Instant.now().isAfter(deadline)) {
                throw failedStart(name + " did not serve on port " + port + " within " + START_TIMEOUT.toSeconds() + " s");
            }
            Ports.sleep(Duration.ofMillis(100));
        }
    }

    /** Stops the server and keeps its log, which the failure names. */
    private LocalServerException failedStart(String failure) {
        Processes.stop(process);
        removeShutdownHook();
        return new LocalServerException(failure + ": " + Processes.tail(log) + "\n(whole log: " + log + ")");
    }

    /** Where the installed packages are: servers find their own files (certificates) from here. */
    static Path packageFolder(String nodePackage) {
        return NodePackages.installed().resolve("node_modules").resolve(nodePackage);
    }

    URI endpoint() {
        return URI.create("http://" + Ports.LOOPBACK + ":" + port);
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        Processes.stop(process);
        removeShutdownHook();
        deleteLog();
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing left to undo
        }
    }

    private void deleteLog() {
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
