package io.kinesishydrator.pipeline;

import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.ProgressLine;
import io.kinesishydrator.consumer.KinesisConsumerHandler;
import io.kinesishydrator.consumer.StreamBatchProcessor;
import io.kinesishydrator.examples.orders.OrderRecordProcessor;
import io.kinesishydrator.hydrate.HydrateHandler;
import io.kinesishydrator.hydrate.HydrateStreamHandler;
import io.kinesishydrator.hydrate.HydratorFactory;
import io.kinesishydrator.local.ElasticMq;
import io.kinesishydrator.local.KinesisMock;
import io.kinesishydrator.local.LocalCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole failure path on 127.0.0.1: a Kinesis stream (kinesis-mock), the consumer behind a played event
 * source mapping, its OnFailure destination (an SNS topic on fauxqs, an SQS queue on ElasticMQ, or an S3 bucket
 * on S3Mock) with the hydrate's trigger on it, and the dead-letter queue (ElasticMQ). The functions are the real
 * handler classes, called as the Lambda runtime calls them.
 */
final class LocalPipeline implements AutoCloseable {
    static final String CONSUMER_ARN = "arn:aws:lambda:us-east-1:000000000000:function:ConsumerFunction:live";
    private static final Duration CONSUMER_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HYDRATE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    private final KinesisMock kinesisServer;
    private final ElasticMq sqsServer;
    private final KinesisClient kinesis;
    private final SqsClient deadLetterSqs;
    private final String streamArn;
    private final String deadLetterQueueUrl;
    private final OnFailureDestination destination;

    private LocalPipeline(KinesisMock kinesisServer, ElasticMq sqsServer, int shards, OnFailureDestinationType type, int destinationPort) {
        this.kinesisServer = kinesisServer;
        this.sqsServer = sqsServer;
        this.kinesis = kinesisServer.client();
        this.deadLetterSqs = sqsServer.client();
        this.streamArn = kinesisServer.createStream("orders", shards);
        this.deadLetterQueueUrl = sqsServer.createQueue("kinesis-hydrator-dlq");
        this.destination = switch (type) {
            case SNS -> FailureTopic.start(destinationPort, hydrate(LocalPipeline::noS3));
            case SQS -> new FailureQueue(sqsServer, hydrate(LocalPipeline::noS3));
            case S3 -> FailureBucket.start(destinationPort, this::hydrate, Clock.systemUTC());
        };
    }

    /** Starts the servers, the destination's last; {@code type} picks the destination, played on its own server. */
    static LocalPipeline start(ServerPorts ports, int shards, OnFailureDestinationType type) {
        KinesisMock kinesis = ports.kinesis() > 0 ? KinesisMock.start(ports.kinesis()) : KinesisMock.start();
        ElasticMq sqs = null;
        try {
            sqs = ports.sqs() > 0 ? ElasticMq.start(ports.sqs()) : ElasticMq.start();
            return new LocalPipeline(kinesis, sqs, shards, type, type == OnFailureDestinationType.S3 ? ports.s3() : ports.sns());
        } catch (RuntimeException failed) {
            kinesis.close();
            if (sqs != null) {
                sqs.close();
            }
            throw failed;
        }
    }

    /** Ports to listen on; 0 picks a free one. Only the played destination's server starts. */
    record ServerPorts(int kinesis, int sqs, int sns, int s3) {
    }

    /** Produces the demo records, runs the flow until every record is settled, and gathers the outcome. */
    PipelineResult run(int records, double poisonRate, long seed, EventSourceMappingSettings settings,
                       Duration timeout, ProgressLine progress) {
        PipelineStats stats = new PipelineStats();
        ProcessingLog processing = new ProcessingLog();
        AtomicInteger published = new AtomicInteger();
        StreamEventSourceMapping mapping = new StreamEventSourceMapping(kinesis, streamArn, LocalCredentials.REGION.id(),
                settings, consumer(processing), CONSUMER_ARN, discarded -> {
                    destination.send(discarded);
                    published.incrementAndGet();
                }, stats, Clock.systemUTC());
        mapping.start();
        List<DemoProducer.Produced> produced = new DemoProducer(kinesis, streamArn, seed).produce(records, poisonRate);
        AtomicInteger hydrated = new AtomicInteger();
        AtomicInteger hydrateFailures = new AtomicInteger();
        AtomicBoolean mappingDone = new AtomicBoolean();
        Thread delivery = Thread.ofPlatform().daemon().name("on-failure-delivery").start(() -> {
            while (!mappingDone.get() || hydrated.get() < published.get()) {
                OnFailureDestination.Delivered delivered = destination.deliverPending();
                hydrated.addAndGet(delivered.hydrated());
                hydrateFailures.addAndGet(delivered.hydrateFailures());
                pause();
            }
        });
        String blocked = null;
        try (ProgressLine.Ticker ignored = progress.start(() -> stats.settled() + "/" + records + " records settled, "
                + stats.invocations.get() + " invocations, " + stats.onFailureRecords.size() + " OnFailure records, "
                + hydrated.get() + " hydrated")) {
            mapping.runUntilDrained(() -> false, Deadline.after(timeout, System::currentTimeMillis));
        } catch (ShardBlockedException stuck) {
            blocked = stuck.getMessage();
        } finally {
            mappingDone.set(true);
        }
        awaitDelivery(delivery);
        DeadLetterQueueContents deadLetters = DeadLetterQueueContents.read(deadLetterSqs, deadLetterQueueUrl, DELIVERY_TIMEOUT);
        return new PipelineResult(produced, processing, stats, destination.type(), hydrated.get(), hydrateFailures.get(),
                deadLetters, blocked);
    }

    /** The handler template.yaml deploys, reading the event JSON the played mapping sends. */
    private LambdaInvoker consumer(ProcessingLog processing) {
        KinesisConsumerHandler handler = new KinesisConsumerHandler(
                StreamBatchProcessor.kinesis(processing.recording(new OrderRecordProcessor())).build(), Duration.ofSeconds(3));
        return new LambdaInvoker(handler, CONSUMER_TIMEOUT);
    }

    /** The handler hydrator/template.yaml deploys, which tells the three intakes apart. */
    private HydrateFunction hydrate(Supplier<S3Client> s3) {
        return new HydrateFunction(() -> {
            HydrateHandler handler = new HydrateHandler(HydratorFactory.create(region -> kinesisServer.client(region),
                    LocalPipeline::noDynamoDbStreams, s3, deadLetterSqs, deadLetterQueueUrl, 1024 * 1024), Duration.ofSeconds(10));
            return new LambdaInvoker(new HydrateStreamHandler(handler), HYDRATE_TIMEOUT);
        }, deadLetterSqs, deadLetterQueueUrl);
    }

    private static S3Client noS3() {
        throw new IllegalStateException("only an S3 OnFailure destination gives the hydrate S3 objects to read");
    }

    private static DynamoDbStreamsClient noDynamoDbStreams(Region region) {
        throw new IllegalStateException("the local pipeline's stream is a Kinesis stream");
    }

    private static void awaitDelivery(Thread delivery) {
        try {
            delivery.join(DELIVERY_TIMEOUT.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (delivery.isAlive()) {
            delivery.interrupt();
            throw new IllegalStateException("the OnFailure records did not all reach the hydrate within "
                    + DELIVERY_TIMEOUT.toSeconds() + " s");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
    }

    KinesisClient kinesis() {
        return kinesis;
    }

    String streamArn() {
        return streamArn;
    }

    SqsClient deadLetterSqs() {
        return deadLetterSqs;
    }

    String deadLetterQueueUrl() {
        return deadLetterQueueUrl;
    }

    /** Where to reach each server and resource, for a look with the AWS CLI, and the redrive tool's command. */
    List<String> endpoints() {
        List<String> lines = new ArrayList<>();
        lines.add("Kinesis (kinesis-mock)  " + kinesisServer.endpoint() + "   stream " + streamArn);
        lines.add("SQS (ElasticMQ)         " + sqsServer.endpoint() + "   dead-letter queue " + deadLetterQueueUrl);
        lines.addAll(destination.endpoints());
        lines.add("credentials: any access key (e.g. AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local), region "
                + LocalCredentials.REGION.id());
        lines.add("e.g. aws --endpoint-url " + sqsServer.endpoint() + " sqs receive-message --queue-url "
                + deadLetterQueueUrl + " --max-number-of-messages 10");
        lines.add("redrive: AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local make redrive-tool ARGS=\"redrive "
                + String.join(" ", redriveOptions()) + "\"");
        return lines;
    }

    /** The redrive tool's options that point it at this pipeline's dead-letter queue and stream. */
    List<String> redriveOptions() {
        return List.of("--queue", deadLetterQueueUrl, "--region", LocalCredentials.REGION.id(),
                "--kinesis-endpoint-url", kinesisServer.endpoint().toString(), "--sqs-endpoint-url", sqsServer.endpoint().toString());
    }

    @Override
    public void close() {
        destination.close();
        kinesis.close();
        deadLetterSqs.close();
        sqsServer.close();
        kinesisServer.close();
    }
}
