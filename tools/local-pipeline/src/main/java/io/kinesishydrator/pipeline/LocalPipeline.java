package io.kinesishydrator.pipeline;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.ProgressLine;
import io.kinesishydrator.consumer.KinesisConsumerHandler;
import io.kinesishydrator.consumer.StreamBatchProcessor;
import io.kinesishydrator.examples.orders.OrderRecordProcessor;
import io.kinesishydrator.hydrate.HydrateHandler;
import io.kinesishydrator.hydrate.HydrateSummary;
import io.kinesishydrator.hydrate.HydratorFactory;
import io.kinesishydrator.local.ElasticMq;
import io.kinesishydrator.local.Fauxqs;
import io.kinesishydrator.local.KinesisMock;
import io.kinesishydrator.local.LocalCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole failure path on 127.0.0.1: a Kinesis stream (kinesis-mock), the consumer behind a played event
 * source mapping, the failure topic (fauxqs, delivering real SNS envelopes), the hydrate, and the dead-letter
 * queue (ElasticMQ). The functions are the real handler classes, called as the Lambda runtime calls them.
 */
final class LocalPipeline implements AutoCloseable {
    static final String CONSUMER_ARN = "arn:aws:lambda:us-east-1:000000000000:function:ConsumerFunction:live";
    private static final Duration CONSUMER_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HYDRATE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    private final Servers servers;
    private final KinesisClient kinesis;
    private final SqsClient deadLetterSqs;
    private final SnsClient sns;
    private final SqsClient snsDeliverySqs;
    private final String streamArn;
    private final String deadLetterQueueUrl;
    private final String topicArn;
    private final String deliveryQueueUrl;
    private final String subscriptionArn;

    /** The servers, started in order and stopped together. */
    record Servers(KinesisMock kinesis, ElasticMq sqs, Fauxqs sns) {
    }

    private LocalPipeline(Servers servers, int shards) {
        this.servers = servers;
        this.kinesis = servers.kinesis().client();
        this.deadLetterSqs = servers.sqs().client();
        this.sns = servers.sns().snsClient();
        this.snsDeliverySqs = servers.sns().sqsClient();
        this.streamArn = servers.kinesis().createStream("orders", shards);
        this.deadLetterQueueUrl = servers.sqs().createQueue("kinesis-hydrator-dlq");
        this.topicArn = servers.sns().createTopic("kinesis-hydrator-failures");
        this.deliveryQueueUrl = servers.sns().createQueue("hydrate-function-subscription");
        this.subscriptionArn = servers.sns().subscribe(topicArn, deliveryQueueUrl);
    }

    static LocalPipeline start(ServerPorts ports, int shards) {
        KinesisMock kinesis = ports.kinesis() > 0 ? KinesisMock.start(ports.kinesis()) : KinesisMock.start();
        ElasticMq sqs = null;
        try {
            sqs = ports.sqs() > 0 ? ElasticMq.start(ports.sqs()) : ElasticMq.start();
            Fauxqs sns = ports.sns() > 0 ? Fauxqs.start(ports.sns()) : Fauxqs.start();
            return new LocalPipeline(new Servers(kinesis, sqs, sns), shards);
        } catch (RuntimeException failed) {
            kinesis.close();
            if (sqs != null) {
                sqs.close();
            }
            throw failed;
        }
    }

    /** Ports to listen on; 0 picks a free one. */
    record ServerPorts(int kinesis, int sqs, int sns) {
    }

    /** Produces the demo records, runs the flow until every record is settled, and gathers the outcome. */
    PipelineResult run(int records, double poisonRate, long seed, EventSourceMappingSettings settings,
                       Duration timeout, ProgressLine progress) {
        PipelineStats stats = new PipelineStats();
        ProcessingLog processing = new ProcessingLog();
        AtomicInteger published = new AtomicInteger();
        StreamEventSourceMapping mapping = new StreamEventSourceMapping(kinesis, streamArn, LocalCredentials.REGION.id(),
                settings, consumer(processing), CONSUMER_ARN, onFailure -> {
                    sns.publish(request -> request.topicArn(topicArn).message(onFailure));
                    published.incrementAndGet();
                }, stats, Clock.systemUTC());
        FailureTopicSubscriber subscriber = new FailureTopicSubscriber(snsDeliverySqs, deliveryQueueUrl, subscriptionArn,
                hydrate(), deadLetterSqs, deadLetterQueueUrl);
        mapping.start();
        List<DemoProducer.Produced> produced = new DemoProducer(kinesis, streamArn, seed).produce(records, poisonRate);
        AtomicInteger notifications = new AtomicInteger();
        AtomicInteger hydrateFailures = new AtomicInteger();
        AtomicBoolean mappingDone = new AtomicBoolean();
        Thread subscription = Thread.ofPlatform().daemon().name("failure-topic-subscription").start(() -> {
            while (!mappingDone.get() || notifications.get() < published.get()) {
                FailureTopicSubscriber.Delivered delivered = subscriber.deliverPending();
                notifications.addAndGet(delivered.notifications());
                hydrateFailures.addAndGet(delivered.hydrateFailures());
                pause();
            }
        });
        String blocked = null;
        try (ProgressLine.Ticker ignored = progress.start(() -> stats.settled() + "/" + records + " records settled, "
                + stats.invocations.get() + " invocations, " + stats.onFailureRecords.size() + " OnFailure records, "
                + notifications.get() + " hydrated")) {
            mapping.runUntilDrained(() -> false, Deadline.after(timeout, System::currentTimeMillis));
        } catch (ShardBlockedException stuck) {
            blocked = stuck.getMessage();
        } finally {
            mappingDone.set(true);
        }
        awaitSubscription(subscription);
        DeadLetterQueueContents deadLetters = DeadLetterQueueContents.read(deadLetterSqs, deadLetterQueueUrl, DELIVERY_TIMEOUT);
        return new PipelineResult(produced, processing, stats, notifications.get(), hydrateFailures.get(), deadLetters, blocked);
    }

    /** The handler template.yaml deploys, reading the event JSON the played mapping sends. */
    private LambdaInvoker consumer(ProcessingLog processing) {
        KinesisConsumerHandler handler = new KinesisConsumerHandler(
                StreamBatchProcessor.kinesis(processing.recording(new OrderRecordProcessor())).build(), Duration.ofSeconds(3));
        return new LambdaInvoker(handler, CONSUMER_TIMEOUT);
    }

    private LambdaInvoker hydrate() {
        HydrateHandler handler = new HydrateHandler(HydratorFactory.create(region -> servers.kinesis().client(region),
                deadLetterSqs, deadLetterQueueUrl, 1024 * 1024), Duration.ofSeconds(10));
        return LambdaInvoker.of(handler, SNSEvent.class, HydrateSummary.class, HYDRATE_TIMEOUT);
    }

    private static void awaitSubscription(Thread subscription) {
        try {
            subscription.join(DELIVERY_TIMEOUT.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (subscription.isAlive()) {
            subscription.interrupt();
            throw new IllegalStateException("the failure topic's notifications did not all reach the hydrate within "
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

    /** Where to reach each server and resource, for a look with the AWS CLI. */
    List<String> endpoints() {
        return List.of(
                "Kinesis (kinesis-mock)  " + servers.kinesis().endpoint() + "   stream " + streamArn,
                "SQS (ElasticMQ)         " + servers.sqs().endpoint() + "   dead-letter queue " + deadLetterQueueUrl,
                "SNS (fauxqs)            " + servers.sns().endpoint() + "   failure topic " + topicArn,
                "credentials: any access key (e.g. AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local), region "
                        + LocalCredentials.REGION.id(),
                "e.g. aws --endpoint-url " + servers.sqs().endpoint() + " sqs receive-message --queue-url "
                        + deadLetterQueueUrl + " --max-number-of-messages 10");
    }

    @Override
    public void close() {
        kinesis.close();
        deadLetterSqs.close();
        sns.close();
        snsDeliverySqs.close();
        servers.sns().close();
        servers.sqs().close();
        servers.kinesis().close();
    }
}
