package io.kinesishydrator.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * fauxqs (npm) as a child process on 127.0.0.1: SNS and SQS in one server, SNS delivering to SQS subscriptions
 * with the notification envelope SNS wraps messages in. Start it, use {@link #snsClient()} and
 * {@link #sqsClient()}, close it.
 */
public final class Fauxqs implements AutoCloseable {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private final NodeServer server;

    private Fauxqs(NodeServer server) {
        this.server = server;
    }

    /** Starts on a free port. */
    public static Fauxqs start() {
        return start(Ports.free());
    }

    public static Fauxqs start(int port) {
        return new Fauxqs(NodeServer.start("fauxqs", "fauxqs/dist/cli.js", port, Map.of(
                "FAUXQS_PORT", Integer.toString(port),
                "FAUXQS_DEFAULT_REGION", LocalCredentials.REGION.id(),
                // Queue URLs are http://sqs.<region>.<host>:<port>/<account>/<name>, so 127.0.0.1 here would make
                // them malformed; localhost keeps them valid URLs that name the loopback (RFC 6761). Clients reach
                // the queues through their endpoint, which fauxqs matches against the URL it handed out.
                "FAUXQS_HOST", "localhost"), Fauxqs::healthy));
    }

    private static boolean healthy(NodeServer server) {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build()) {
            HttpRequest health = HttpRequest.newBuilder(server.endpoint().resolve("/health")).timeout(PROBE_TIMEOUT).GET().build();
            return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new LocalServerException("interrupted while waiting for fauxqs");
        }
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public int port() {
        return server.port();
    }

    public SnsClient snsClient() {
        return SnsClient.builder()
                .endpointOverride(endpoint())
                .region(LocalCredentials.REGION)
                .credentialsProvider(LocalCredentials.provider())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public SqsClient sqsClient() {
        return SqsClient.builder()
                .endpointOverride(endpoint())
                .region(LocalCredentials.REGION)
                .credentialsProvider(LocalCredentials.provider())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Creates a topic and returns its ARN. */
    public String createTopic(String name) {
        try (SnsClient sns = snsClient()) {
            return sns.createTopic(request -> request.name(name)).topicArn();
        }
    }

    /** Creates a queue and returns its URL. */
    public String createQueue(String name) {
        try (SqsClient sqs = sqsClient()) {
            return sqs.createQueue(request -> request.queueName(name)).queueUrl();
        }
    }

    public String queueArn(String queueUrl) {
        try (SqsClient sqs = sqsClient()) {
            return sqs.getQueueAttributes(request -> request.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
        }
    }

    /**
     * Subscribes the queue to the topic as SNS does by default, without raw message delivery: each message
     * arrives wrapped in the notification envelope, as a consumer of a real subscription receives it.
     * Returns the subscription's ARN.
     */
    public String subscribe(String topicArn, String queueUrl) {
        String queueArn = queueArn(queueUrl);
        try (SnsClient sns = snsClient()) {
            return sns.subscribe(request -> request.topicArn(topicArn).protocol("sqs").endpoint(queueArn)).subscriptionArn();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
