package io.kinesishydrator.local;

import java.net.URI;
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
    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(30);

    private final NodeServer server;

    private KinesisMock(NodeServer server) {
        this.server = server;
    }

    /** Starts on a free port. */
    public static KinesisMock start() {
        return start(Ports.free());
    }

    public static KinesisMock start(int port) {
        return new KinesisMock(NodeServer.start("kinesis-mock", "kinesis-local/main.js", port, Map.of(
                "KINESIS_MOCK_PLAIN_PORT", Integer.toString(port),
                "KINESIS_MOCK_TLS_PORT", Integer.toString(Ports.free()),
                "KINESIS_MOCK_CERT_PATH", NodeServer.packageFolder("kinesis-local").resolve("server.json").toString(),
                "AWS_ACCOUNT_ID", LocalCredentials.ACCOUNT_ID,
                "AWS_REGION", LocalCredentials.REGION.id(),
                // Stream operations take 500 ms by default to mimic AWS; tests need no such wait.
                "CREATE_STREAM_DURATION", "0ms",
                "DELETE_STREAM_DURATION", "0ms",
                "LOG_LEVEL", "WARN"), server -> Ports.accepts(server.port())));
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public int port() {
        return server.port();
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
        server.close();
    }
}
