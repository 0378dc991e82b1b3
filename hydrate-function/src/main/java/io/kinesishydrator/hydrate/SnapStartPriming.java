package io.kinesishydrator.hydrate;

import java.net.URI;
import java.util.List;
import java.util.function.Function;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * SnapStart priming: before Lambda snapshots an initialised execution environment, runs each SDK operation the
 * hydrate uses (GetShardIterator, GetRecords, SendMessageBatch) through the function's own clients, so their
 * marshallers, endpoint rules, signer, HTTP client and error handling are loaded, initialised and partly
 * compiled in the snapshot instead of on the first notification after a restore.
 *
 * <p>The calls must not touch real resources, and must not put the function's credentials into the snapshot.
 * So every priming request carries its own override: fixed placeholder credentials (the function's credentials
 * provider is never asked, and the snapshot holds none of its credentials) and an endpoint on a loopback port
 * nothing listens on, so the connection is refused inside the execution environment and the failure is caught.
 * Nothing reaches Kinesis or the dead-letter queue; a read-only call against the real services would need the
 * real credentials, and an invalid one would still reach them. Without SnapStart, or outside Lambda, nothing
 * calls {@link #beforeCheckpoint}. The DynamoDB Streams client is not primed: it is built on the first DynamoDB
 * notification only, so that a Kinesis-only deployment never loads it.
 */
final class SnapStartPriming implements Resource {
    /** Port 1 on loopback: privileged and unused, so a connection is refused at once and nothing is sent anywhere. */
    private static final URI UNREACHABLE = URI.create("http://127.0.0.1:1");
    private static final String PLACEHOLDER_SHARD_ITERATOR = "AAAAAAAAAAE=";
    private static final String PLACEHOLDER_QUEUE_URL = UNREACHABLE + "/000000000000/snapstart-priming";

    /** Placeholder credentials, the unreachable endpoint, and one attempt: a refused connection is not retried. */
    private static final AwsRequestOverrideConfiguration OFFLINE = AwsRequestOverrideConfiguration.builder()
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
            .addPlugin(config -> config.endpointOverride(UNREACHABLE)
                    .overrideConfiguration(override -> override.retryStrategy(retry -> retry.maxAttempts(1))))
            .build();

    /** Lambda's CRaC context holds resources weakly; this keeps the registered one alive. */
    private static volatile SnapStartPriming registered;

    private final Function<Region, KinesisClient> kinesis;
    private final SqsClient sqs;

    SnapStartPriming(Function<Region, KinesisClient> kinesis, SqsClient sqs) {
        this.kinesis = kinesis;
        this.sqs = sqs;
    }

    /** Registers priming of these clients with the global CRaC context. */
    static void register(Function<Region, KinesisClient> kinesis, SqsClient sqs) {
        registered = new SnapStartPriming(kinesis, sqs);
        Core.getGlobalContext().register(registered);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        // The function's own region: the client the first notification most likely needs is then built already.
        KinesisClient client = kinesis.apply(sqs.serviceClientConfiguration().region());
        attempt(() -> client.getShardIterator(request -> request.overrideConfiguration(OFFLINE)
                .streamName("snapstart-priming").shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber("0")));
        attempt(() -> client.getRecords(request -> request.overrideConfiguration(OFFLINE)
                .shardIterator(PLACEHOLDER_SHARD_ITERATOR).limit(1)));
        attempt(() -> sqs.sendMessageBatch(request -> request.overrideConfiguration(OFFLINE)
                .queueUrl(PLACEHOLDER_QUEUE_URL)
                .entries(List.of(SendMessageBatchRequestEntry.builder().id("0").messageBody("{}").build()))));
    }

    /** Nothing to undo: priming left no connection open and no credentials cached. */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
    }

    private static void attempt(Runnable call) {
        try {
            call.run();
        } catch (SdkException expected) {
            // The refused connection: the request path ran up to the socket, which is all priming is for.
        }
    }
}
