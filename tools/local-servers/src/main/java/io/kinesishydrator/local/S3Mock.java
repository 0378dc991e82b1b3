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
 * Its objects, its log and its embedded Tomcat's scratch files live in one temporary folder, deleted when it stops;
 * after a failed start the folder stays, and the error names its log.
 */
public final class S3Mock implements AutoCloseable {
    private static final String JAR_PROPERTY = "s3mock.jar";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final Path folder;
    private final Thread shutdownHook;

    private S3Mock(Process process, int port, Path folder) {
        this.process = process;
        this.port = port;
        this.folder = folder;
        this.shutdownHook = new Thread(() -> {
            process.destroyForcibly();
            deleteFolder();
        }, "s3mock-shutdown");
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
        Path folder = temporaryFolder();
        Path log = folder.resolve("s3mock.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + folder.resolve("tmp"), "-jar", jar, "--server.port=" + port, "--server.address=" + Ports.LOOPBACK, "--server.ssl.enabled=false",
                "--com.adobe.testing.s3mock.httpPort=0", "--com.adobe.testing.s3mock.store.root=" + folder.resolve("store"),
                "--spring.main.banner-mode=off"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        S3Mock server = new S3Mock(Processes.start(builder, "S3Mock"), port, folder);
        server.awaitServing(log);
        return server;
    }

    private static Path temporaryFolder() {
        try {
            Path folder = Files.createTempDirectory("s3mock-");
            Files.createDirectory(folder.resolve("tmp"));
            return folder;
        } catch (IOException failure) {
            throw new LocalServerException("cannot create S3Mock's folder: " + failure.getMessage(), failure);
        }
    }

    private void awaitServing(Path log) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Ports.accepts(port)) {
            if (!process.isAlive()) {
                removeShutdownHook();
                throw new LocalServerException("S3Mock exited with code " + process.exitValue() + " while starting (log: "
                        + log + "): " + Processes.tail(log));
            }
            if (Instant.now().isAfter(deadline)) {
                Processes.stop(process);
                removeShutdownHook();
                throw new LocalServerException("S3Mock did not serve on port " + port + " (log: " + log + "): " + Processes.tail(log));
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
        removeShutdownHook();
        deleteFolder();
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing left to undo
        }
    }

    private void deleteFolder() {
        try {
            Folders.deleteRecursively(folder);
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
