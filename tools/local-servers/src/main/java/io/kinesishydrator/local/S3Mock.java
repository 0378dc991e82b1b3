package io.kinesishydrator.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Mock (Adobe's S3-compatible server) from its executable jar, run as a child process of this JVM's own Java on
 * 127.0.0.1, its objects in a temporary folder. Chosen because it comes from Maven Central alone, as the build's
 * other servers do: no Python environment to install. The jar's path is the system property {@code s3mock.jar}
 * (the modules that use it copy it there with the dependency plugin). Its main connector serves plain HTTP on the
 * loopback port given; S3Mock also opens a second HTTP connector of its own, put on a random port nobody uses.
 */
public final class S3Mock implements AutoCloseable {
    private static final String JAR_PROPERTY = "s3mock.jar";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final Thread shutdownHook;

    private S3Mock(Process process, int port) {
        this.process = process;
        this.port = port;
        this.shutdownHook = new Thread(process::destroyForcibly, "s3mock-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static S3Mock start() {
        return start(Ports.free());
    }

    public static S3Mock start(int port) {
        Ports.requireFree(port, "S3Mock");
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new LocalServerException("S3Mock needs its executable jar: set -D" + JAR_PROPERTY + " (now: " + jar + ")");
        }
        Path store = temporaryFolder("s3mock-store-");
        Path log = store.resolveSibling(store.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar, "--server.port=" + port, "--server.address=" + Ports.LOOPBACK, "--server.ssl.enabled=false",
                "--com.adobe.testing.s3mock.httpPort=0", "--com.adobe.testing.s3mock.store.root=" + store,
                "--spring.main.banner-mode=off"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        S3Mock server = new S3Mock(Processes.start(builder, "S3Mock"), port);
        server.awaitServing(log);
        return server;
    }

    private static Path temporaryFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException failure) {
            throw new LocalServerException("cannot create S3Mock's folder: " + failure.getMessage(), failure);
        }
    }

    private void awaitServing(Path log) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Ports.accepts(port)) {
            if (!process.isAlive()) {
                throw new LocalServerException("S3Mock exited with code " + process.exitValue() + " while starting: " + Processes.tail(log));
            }
            if (Instant.now().isAfter(deadline)) {
                close();
                throw new LocalServerException("S3Mock did not serve on port " + port + ": " + Processes.tail(log));
            }
            Ports.sleep(Duration.ofMillis(200));
        }
    }

    public URI endpoint() {
        return URI.create("http://" + Ports.LOOPBACK + ":" + port);
    }

    /** A client with path-style addresses: S3Mock does not resolve bucket names as host names. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .region(LocalCredentials.REGION)
                .credentialsProvider(LocalCredentials.provider())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() {
        Processes.stop(process);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs anyway; the process is stopped already.
        }
    }
}
