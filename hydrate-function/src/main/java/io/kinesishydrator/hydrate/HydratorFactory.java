package io.kinesishydrator.hydrate;

import io.kinesishydrator.common.Backoff;
import io.kinesishydrator.common.EmbeddedMetrics;
import io.kinesishydrator.common.Retrier;
import io.kinesishydrator.common.Settings;
import io.kinesishydrator.common.Sleeper;
import io.kinesishydrator.common.StructuredLogger;
import io.kinesishydrator.hydrate.internal.DeadLetterComposer;
import io.kinesishydrator.hydrate.internal.DeadLetterWriter;
import io.kinesishydrator.hydrate.internal.DynamoDbStreamRangeReader;
import io.kinesishydrator.hydrate.internal.FailureNotificationParser;
import io.kinesishydrator.hydrate.internal.KinesisRangeReader;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Wires a {@link Hydrator} from the hydrate function's environment variables.
 *
 * <ul>
 *   <li>{@code DLQ_URL} (required): the dead-letter queue's URL.</li>
 *   <li>{@code DLQ_MAX_MESSAGE_BYTES} (1048576): the queue's maximum message size; 262144 for queues still
 *       at the old limit.</li>
 *   <li>{@code READ_TIME_RESERVE_MS} (10000): time kept back from reading to send what was read.</li>
 * </ul>
 * Clients use the URL connection HTTP client, the quickest of the SDK's clients to start.
 */
public final class HydratorFactory {
    /** SQS's own bounds on a queue's MaximumMessageSize are 1 KiB and 1 MiB; below 16 KiB a notification barely fits. */
    private static final int MIN_MESSAGE_BYTES = 16 * 1024;
    private static final int MAX_MESSAGE_BYTES = 1024 * 1024;
    private static final String METRICS_NAMESPACE = "KinesisHydrator";

    private HydratorFactory() {
    }

    public static Hydrator fromEnvironment(Settings env) {
        SdkHttpClient http = UrlConnectionHttpClient.create();
        Function<Region, KinesisClient> kinesis =
                new RegionalClients<>(region -> KinesisClient.builder().region(region).httpClient(http).build());
        SqsClient sqs = SqsClient.builder().httpClient(http).build();
        SnapStartPriming.register(kinesis, sqs);
        return create(kinesis, dynamoDbStreamsClients(http), sqs, env.required("DLQ_URL"),
                env.integer("DLQ_MAX_MESSAGE_BYTES", MAX_MESSAGE_BYTES, MIN_MESSAGE_BYTES, MAX_MESSAGE_BYTES));
    }

    static Duration readReserve(Settings env) {
        return env.millis("READ_TIME_RESERVE_MS", 10_000);
    }

    /**
     * A hydrator on the given Kinesis and SQS clients; tests point them at local servers. DynamoDB stream
     * notifications get clients from the standard configuration.
     */
    public static Hydrator create(Function<Region, KinesisClient> kinesis, SqsClient sqs, String queueUrl, int maxMessageBytes) {
        return create(kinesis, dynamoDbStreamsClients(UrlConnectionHttpClient.create()), sqs, queueUrl, maxMessageBytes);
    }

    /** A hydrator on the given clients; tests point them at local servers. */
    public static Hydrator create(Function<Region, KinesisClient> kinesis, Function<Region, DynamoDbStreamsClient> dynamoDbStreams,
                                  SqsClient sqs, String queueUrl, int maxMessageBytes) {
        Retrier reads = new Retrier(10, Backoff.fullJitter(Duration.ofMillis(200), Duration.ofSeconds(5)), Sleeper.THREAD);
        Retrier sends = new Retrier(8, Backoff.fullJitter(Duration.ofMillis(100), Duration.ofSeconds(3)), Sleeper.THREAD);
        return new Hydrator(new FailureNotificationParser(), new KinesisRangeReader(kinesis, reads),
                new DynamoDbStreamRangeReader(dynamoDbStreams, reads), new DeadLetterComposer(maxMessageBytes), new DeadLetterWriter(sqs, queueUrl, maxMessageBytes, sends),
                StructuredLogger.stdout(Hydrator.class), EmbeddedMetrics.stdout(METRICS_NAMESPACE),
                Objects.requireNonNullElse(System.getenv("AWS_LAMBDA_FUNCTION_NAME"), "local"));
    }

    /** Built on a DynamoDB stream's first notification, so a Kinesis-only deployment never loads the client. */
    private static Function<Region, DynamoDbStreamsClient> dynamoDbStreamsClients(SdkHttpClient http) {
        return new RegionalClients<>(region -> DynamoDbStreamsClient.builder().region(region).httpClient(http).build());
    }
}
