package io.kinesishydrator.local;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ElasticMQ embedded in this JVM on 127.0.0.1: the SQS JSON protocol with SQS's limits (1 MiB messages,
 * 10-entry batches), FIFO queues included.
 */
public final class ElasticMq implements AutoCloseable {
    private final SQSRestServer server;
    private final int port;

    private ElasticMq(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static ElasticMq start() {
        return start(Ports.free());
    }

    public static ElasticMq start(int port) {
        Ports.requireFree(port, "ElasticMQ");
        SQSRestServer server = SQSRestServerBuilder
                .withInterface(Ports.LOOPBACK)
                .withPort(port)
                // Queue URLs name the address clients reach, not ElasticMQ's default localhost:9324.
                .withServerAddress(new NodeAddress("http", Ports.LOOPBACK, port, ""))
                .withAWSRegion(LocalCredentials.REGION.id())
                .withAWSAccountId(LocalCredentials.ACCOUNT_ID)
                .start();
        try {
            server.waitUntilStarted();
        } catch (RuntimeException failed) {
            throw new LocalServerException("ElasticMQ did not start on port " + port + ": " + failed.getMessage(), failed);
        }
        return new ElasticMq(server, port);
    }

    public URI endpoint() {
        return URI.create("http://" + Ports.LOOPBACK + ":" + port);
    }

    /** A client; {@code interceptors} see every call (tests inject faults with them). */
    public SqsClient client(ExecutionInterceptor... interceptors) {
        return SqsClient.builder()
                .endpointOverride(endpoint())
                .region(LocalCredentials.REGION)
                .credentialsProvider(LocalCredentials.provider())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config -> config.executionInterceptors(List.of(interceptors)))
                .build();
    }

    /** Creates a queue (FIFO when the name ends in .fifo) and returns its URL. */
    public String createQueue(String name) {
        try (SqsClient sqs = client()) {
            Map<String, String> attributes = name.endsWith(".fifo") ? Map.of("FifoQueue", "true") : Map.of();
            return sqs.createQueue(request -> request.queueName(name).attributesWithStrings(attributes)).queueUrl();
        }
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
