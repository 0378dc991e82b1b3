package io.kinesishydrator.hydrate;

import io.kinesishydrator.common.Backoff;
import io.kinesishydrator.common.EmbeddedMetrics;
import io.kinesishydrator.common.Retrier;
import io.kinesishydrator.common.Settings;
import io.kinesishydrator.common.Sleeper;
import io.kinesishydrator.common.StructuredLogger;
import io.kinesishydrator.hydrate.internal.ContinuationQueue;
import io.kinesishydrator.hydrate.internal.DeadLetterComposer;
import io.kinesishydrator.hydrate.internal.DeadLetterWriter;
import io.kinesishydrator.hydrate.internal.DynamoDbStreamRangeReader;
import io.kinesishydrator.hydrate.internal.FailureNotificationParser;
import io.kinesishydrator.hydrate.internal.KinesisRangeReader;
import io.kinesishydrator.hydrate.internal.PayloadBucket;
import io.kinesishydrator.hydrate.internal.S3OnFailureObjects;
import io.kinesishydrator.hydrate.internal.StreamArn;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Wires a {@link Hydrator} from the hydrate function's environment variables.
 *
 * <ul>
 *   <li>{@code DLQ_URL} (required): the dead-letter queue's URL.</li>
 *   <li>{@code DLQ_MAX_MESSAGE_BYTES} (1048576): the queue's maximum message size; 262144 for queues still
 *       at the old limit.</li>
 *   <li>{@code READ_TIME_RESERVE_MS} (10000): time kept back from reading to send what was read.</li>
 *   <li>{@code PAYLOAD_BUCKET} (none): the S3 bucket where a message too large for the queue (a record that fits
 *       no message) is stored, SQS holding a pointer to it as the SQS Extended Client Library writes one; without
 *       it such a record is sent truncated.</li>
 *   <li>{@code CONTINUATION_QUEUE_URL} (none): the hydrate's own SQS intake queue; a range not read to its end
 *       by the read deadline is handed on there (see {@link Hydrator}). Without it, the rest is reported missing.</li>
 *   <li>{@code CROSS_ACCOUNT_ROLE_ARN} (none): a role in another account; that account's streams are read with
 *       its credentials (see {@link CrossAccountRole}).</li>
 * </ul>
 * Clients use the URL connection HTTP client, the quickest of the SDK's clients to start. Endpoints come from the
 * standard configuration ({@code AWS_ENDPOINT_URL_KINESIS}, {@code AWS_ENDPOINT_URL_SQS},
 * {@code AWS_ENDPOINT_URL_DYNAMODB_STREAMS}, {@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL_STS}).
 */
public final class HydratorFactory {
    /** SQS's own bounds on a queue's MaximumMessageSize are 1 KiB and 1 MiB; below 16 KiB a notification barely fits. */
    private static final int MIN_MESSAGE_BYTES = 16 * 1024;
    private static final int MAX_MESSAGE_BYTES = 1024 * 1024;
    private static final String METRICS_NAMESPACE = "KinesisHydrator";

    private HydratorFactory() {
    }

    public static Hydrator fromEnvironment(Settings env) {
        Optional<CrossAccountRole> role = CrossAccountRole.fromEnvironment(env);
        SdkHttpClient http = UrlConnectionHttpClient.create();
        Function<Region, KinesisClient> kinesis =
                new RegionalClients<>(region -> KinesisClient.builder().region(region).httpClient(http).build());
        SqsClient sqs = SqsClient.builder().httpClient(http).build();
        SnapStartPriming.register(kinesis, sqs);
        // Built with the first stream of the role's account: until then, nothing of STS is loaded.
        Supplier<AwsCredentialsProvider> assumed = new OnFirstUse<>(() ->
                AssumedRoleCredentials.of(role.orElseThrow(), env.string("AWS_LAMBDA_FUNCTION_NAME", "kinesis-hydrator"), http));
        Function<StreamArn, KinesisClient> kinesisStreams = StreamClients.of(role, kinesis, region ->
                KinesisClient.builder().region(region).httpClient(http).credentialsProvider(assumed.get()).build());
        Function<StreamArn, DynamoDbStreamsClient> dynamoDbStreams = StreamClients.of(role, dynamoDbStreamsClients(http), region ->
                DynamoDbStreamsClient.builder().region(region).httpClient(http).credentialsProvider(assumed.get()).build());
        String continuationQueueUrl = env.string("CONTINUATION_QUEUE_URL", "");
        return assemble(kinesisStreams, dynamoDbStreams, s3Client(http, env), sqs, env.required("DLQ_URL"),
                env.integer("DLQ_MAX_MESSAGE_BYTES", MAX_MESSAGE_BYTES, MIN_MESSAGE_BYTES, MAX_MESSAGE_BYTES),
                env.string("PAYLOAD_BUCKET", ""), continuationQueueUrl.isEmpty() ? null : continuationQueueUrl);
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

    /** As {@link #create(Function, SqsClient, String, int)}, handing ranges it runs out of time for on to {@code continuationQueueUrl}. */
    public static Hydrator create(Function<Region, KinesisClient> kinesis, SqsClient sqs, String queueUrl, int maxMessageBytes,
                                  String continuationQueueUrl) {
        return assemble(StreamClients.withOwnCredentials(kinesis),
                StreamClients.withOwnCredentials(dynamoDbStreamsClients(UrlConnectionHttpClient.create())),
                s3Client(UrlConnectionHttpClient.create(), Settings.fromEnvironment()), sqs, queueUrl, maxMessageBytes, "",
                continuationQueueUrl);
    }

    /** A hydrator on the given clients; tests point them at local servers. S3 objects are read as configured in the environment. */
    public static Hydrator create(Function<Region, KinesisClient> kinesis, Function<Region, DynamoDbStreamsClient> dynamoDbStreams,
                                  SqsClient sqs, String queueUrl, int maxMessageBytes) {
        return create(kinesis, dynamoDbStreams, s3Client(UrlConnectionHttpClient.create(), Settings.fromEnvironment()), sqs,
                queueUrl, maxMessageBytes);
    }

    /** A hydrator on the given clients, S3's asked for on the first S3 event only; tests point them at local servers. */
    public static Hydrator create(Function<Region, KinesisClient> kinesis, Function<Region, DynamoDbStreamsClient> dynamoDbStreams,
                                  Supplier<S3Client> s3, SqsClient sqs, String queueUrl, int maxMessageBytes) {
        return create(kinesis, dynamoDbStreams, s3, sqs, queueUrl, maxMessageBytes, "");
    }

    /**
     * As {@link #create(Function, Function, Supplier, SqsClient, String, int)}, with messages too large for the queue
     * stored in {@code payloadBucket} (none when empty) through the same S3 client.
     */
    public static Hydrator create(Function<Region, KinesisClient> kinesis, Function<Region, DynamoDbStreamsClient> dynamoDbStreams,
                                  Supplier<S3Client> s3, SqsClient sqs, String queueUrl, int maxMessageBytes, String payloadBucket) {
        return assemble(StreamClients.withOwnCredentials(kinesis), StreamClients.withOwnCredentials(dynamoDbStreams), s3, sqs,
                queueUrl, maxMessageBytes, payloadBucket, null);
    }

    /** @param continuationQueueUrl null when ranges are not handed on */
    private static Hydrator assemble(Function<StreamArn, KinesisClient> kinesis, Function<StreamArn, DynamoDbStreamsClient> dynamoDbStreams,
                                     Supplier<S3Client> s3, SqsClient sqs, String queueUrl, int maxMessageBytes, String payloadBucket,
                                     String continuationQueueUrl) {
        Retrier reads = new Retrier(10, Backoff.fullJitter(Duration.ofMillis(200), Duration.ofSeconds(5)), Sleeper.THREAD);
        Retrier sends = new Retrier(8, Backoff.fullJitter(Duration.ofMillis(100), Duration.ofSeconds(3)), Sleeper.THREAD);
        return new Hydrator(new FailureNotificationParser(), new KinesisRangeReader(kinesis, reads),
                new DynamoDbStreamRangeReader(dynamoDbStreams, reads), new DeadLetterComposer(maxMessageBytes, !payloadBucket.isEmpty()),
                new DeadLetterWriter(sqs, queueUrl, maxMessageBytes, sends, payloadBucket.isEmpty() ? Optional.empty()
                        : Optional.of(new PayloadBucket(s3, payloadBucket))),
                Optional.ofNullable(continuationQueueUrl).map(url -> new ContinuationQueue(sqs, url, sends)), new S3OnFailureObjects(s3),
                StructuredLogger.stdout(Hydrator.class), EmbeddedMetrics.stdout(METRICS_NAMESPACE),
                Objects.requireNonNullElse(System.getenv("AWS_LAMBDA_FUNCTION_NAME"), "local"));
    }

    /** Built on a DynamoDB stream's first notification, so a Kinesis-only deployment never loads the client. */
    private static Function<Region, DynamoDbStreamsClient> dynamoDbStreamsClients(SdkHttpClient http) {
        return new RegionalClients<>(region -> DynamoDbStreamsClient.builder().region(region).httpClient(http).build());
    }

    /**
     * The S3 client, built on the first S3 event or the first message for the payload bucket: otherwise the SNS and
     * SQS intakes never load it, and it is not in a
     * SnapStart snapshot. Its endpoint is the standard configuration's ({@code AWS_ENDPOINT_URL_S3}). When one is
     * set, requests use path-style addresses ({@code http://host/bucket/key}): local S3 servers do not resolve
     * bucket names as host names, and the SDK reads no standard setting for path style. Against AWS, with no
     * endpoint set, they stay virtual-hosted, as AWS asks.
     */
    private static Supplier<S3Client> s3Client(SdkHttpClient http, Settings env) {
        boolean endpointOverridden = !env.string("AWS_ENDPOINT_URL_S3", env.string("AWS_ENDPOINT_URL", "")).isEmpty();
        return new OnFirstUse<>(() -> S3Client.builder().httpClient(http).forcePathStyle(endpointOverridden).build());
    }
}
