package io.kinesishydrator.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * moto's server ({@code moto_server}) on 127.0.0.1, for the services the other local servers lack: STS, whose
 * AssumeRole returns temporary credentials for any role ARN. Installed on first use into a cached Python
 * virtualenv ({@link MotoVirtualenv}); python3 must be on the PATH. Its output goes to a temporary log, deleted
 * when it stops; after a failed start the log stays, and the error names it.
 */
public final class MotoServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread shutdownHook;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.shutdownHook = new Thread(process::destroyForcibly, "moto-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static MotoServer start() {
        Path command = MotoVirtualenv.motoServer();
        int port = Ports.free();
        Path log;
        try {
            log = Files.createTempFile("moto-", ".log");
        } catch (IOException failure) {
            throw new LocalServerException("cannot create moto's log file: " + failure.getMessage(), failure);
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(command.toString(), "--host", Ports.LOOPBACK, "--port", String.valueOf(port)))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        MotoServer server = new MotoServer(Processes.start(builder, "moto"), port, log);
        server.awaitServing();
        return server;
    }

    private void awaitServing() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Ports.accepts(port)) {
            if (!process.isAlive()) {
                removeShutdownHook();
                throw new LocalServerException("moto exited with code " + process.exitValue() + " while starting (log: "
                        + log + "): " + Processes.tail(log));
            }
            if (Instant.now().isAfter(deadline)) {
                Processes.stop(process);
                removeShutdownHook();
                throw new LocalServerException("moto did not serve on port " + port + " (log: " + log + "): " + Processes.tail(log));
            }
            Ports.sleep(Duration.ofMillis(200));
        }
    }

    public URI endpoint() {
        return URI.create("http://" + Ports.LOOPBACK + ":" + port);
    }

    @Override
    public void close() {
        Processes.stop(process);
        removeShutdownHook();
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing left to undo
        }
    }
}
