package io.kinesishydrator.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * kinesis-mock (npm {@code kinesis-local}) as a child process on 127.0.0.1: real Kinesis wire protocol, CBOR,
 * 56-digit sequence numbers and {@code StreamARN} parameters. Start it, use {@link #client(Region)}, close it.
 */
public final class KinesisMock implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread shutdownHook;

    private KinesisMock(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.shutdownHook = new Thread(process::destroyForcibly, "kinesis-mock-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts on a free port. */
    public static KinesisMock start() {
        return start(Ports.free());
    }

    public static KinesisMock start(int port) {
        Ports.requireFree(port, "kinesis-mock");
        Path packages = NodePackages.installed();
        Path mock = packages.resolve("node_modules/kinesis-local");
        Path log = logFile();
        ProcessBuilder builder = new ProcessBuilder(List.of("node", "-r", packages.resolve("bind-loopback.js").toString(),
                mock.resolve("main.js").toString()))
                .directory(mock.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "KINESIS_MOCK_PLAIN_PORT", Integer.toString(port),
                "KINESIS_MOCK_TLS_PORT", Integer.toString(Ports.free()),
                "KINESIS_MOCK_CERT_PATH", mock.resolve("server.json").toString(),
                "AWS_ACCOUNT_ID", LocalCredentials.ACCOUNT_ID,
                "AWS_REGION", LocalCredentials.REGION.id(),
                // Stream operations take 500 ms by default to mimic AWS; tests need no such wait.
                "CREATE_STREAM_DURATION", "0ms",
                "DELETE_STREAM_DURATION", "0ms",
                "LOG_LEVEL", "WARN"));
        KinesisMock server = new KinesisMock(Processes.start(builder, "kinesis-mock"), port, log);
        server.awaitListening();
        return server;
    }

    private static Path logFile() {
        try {
            return Files.createTempFile("kinesis-mock-", ".log");
        } catch (IOException failure) {
            throw new LocalServerException("cannot create a log file for kinesis-mock: " + failure.getMessage(), failure);
        }
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Ports.accepts(port)) {
            if (!process.isAlive()) {
                throw new LocalServerException("kinesis-mock exited with code " + process.exitValue() + " while starting: " + Processes.tail(log));
            }
            if (Instant.now().isAfter(deadline)) {
                close();
                throw new LocalServerException("kinesis-mock did not listen on port " + port + " within "
                        + START_TIMEOUT.toSeconds() + " s: " + Processes.tail(log));
            }
            Ports.sleep(Duration.ofMillis(100));
        }
    }

    public URI endpoint() {
        return URI.create("http://" + Ports.LOOPBACK + ":" + port);
    }

    public int port() {
        return port;
    }

    /** A client for {@code region}; {@code interceptors} see every call (tests inject faults with them). */
    public KinesisClient client(Region region, ExecutionInterceptor... interceptors) {
        return KinesisClient.builder()
                .endpointOverride(endpoint())
                .region(region)
                .credentialsProvider(LocalCredentials.provider())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config -> config.executionInterceptors(List.of(interceptors)))
                .build();
    }

    public KinesisClient client() {
        return client(LocalCredentials.REGION);
    }

    /** Creates a stream and waits until it is ACTIVE; returns its ARN. */
    public String createStream(String name, int shards) {
        try (KinesisClient kinesis = client()) {
            kinesis.createStream(request -> request.streamName(name).shardCount(shards));
            Instant deadline = Instant.now().plus(STREAM_TIMEOUT);
            while (true) {
                var summary = kinesis.describeStreamSummary(request -> request.streamName(name)).streamDescriptionSummary();
                if (summary.streamStatus() == StreamStatus.ACTIVE) {
                    return summary.streamARN();
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new LocalServerException("stream " + name + " was not ACTIVE within " + STREAM_TIMEOUT.toSeconds() + " s");
                }
                Ports.sleep(Duration.ofMillis(50));
            }
        }
    }

    @Override
    public void close() {
        Processes.stop(process);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing left to undo
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
