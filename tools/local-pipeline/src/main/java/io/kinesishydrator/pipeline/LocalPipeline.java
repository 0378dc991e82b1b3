package io.kinesishydrator.pipeline;

import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.ProgressLine;
import io.kinesishydrator.local.ElasticMq;
import io.kinesishydrator.local.LambdaProcess;
import io.kinesishydrator.local.LocalCredentials;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole failure path on 127.0.0.1: a Kinesis stream (kinesis-mock) or a DynamoDB table's stream (DynamoDB
 * Local), as the consumer's event names, the consumer behind a played event source mapping, its OnFailure
 * destination (an SNS topic on fauxqs, an SQS queue on ElasticMQ, or an S3 bucket on S3Mock) with the hydrate's
 * trigger on it, and the dead-letter queue (ElasticMQ). The functions are the template's, each run as Lambda runs
 * it ({@link LocalFunction}), with the local servers' endpoints.
 */
final class LocalPipeline implements AutoCloseable {
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    private final PlayedStream stream;
    private final ElasticMq sqsServer;
    private final SqsClient deadLetterSqs;
    private final String deadLetterQueueUrl;
    private final PipelineFunctions functions;
    private final List<LocalFunction> started = new ArrayList<>();
    private final LocalFunction consumer;
    private final OnFailureDestination destination;
    private final InvocationPrinter printer;
    private final AtomicInteger published = new AtomicInteger();
    private final List<Thread> deliveries = new ArrayList<>();
    private StreamEventSourceMapping mapping;
    private volatile boolean closing;

    private LocalPipeline(PlayedStream stream, ElasticMq sqsServer, OnFailureDestinationType type, int destinationPort,
                          PipelineFunctions functions) {
        this.stream = stream;
        this.sqsServer = sqsServer;
        this.deadLetterSqs = sqsServer.client();
        this.deadLetterQueueUrl = sqsServer.createQueue("kinesis-hydrator-dlq");
        this.functions = functions;
        functions.template().played().setValues(new PlayedResources.Values(stream.shards().streamArn(), deadLetterQueueUrl));
        this.consumer = function(functions.template().consumer(), functions.consumerFolder(), Map.of());
        this.printer = new InvocationPrinter(consumer.definition().logicalId());
        this.destination = switch (type) {
            case SNS -> FailureTopic.start(destinationPort, hydrate(Map.of()));
            case SQS -> new FailureQueue(sqsServer, hydrate(Map.of()));
            case S3 -> FailureBucket.start(destinationPort, s3 -> hydrate(Map.of("AWS_ENDPOINT_URL_S3", s3.toString())), Clock.systemUTC());
        };
    }

    /**
     * Starts the servers, the destination's last: the stream's (kinesis-mock with a stream of {@code shards} shards,
     * or DynamoDB Local with the template's table), ElasticMQ, and the destination's; {@code type} picks the
     * destination, played on its own server.
     */
    static LocalPipeline start(ServerPorts ports, int shards, OnFailureDestinationType type, PipelineFunctions functions) {
        PlayedStream stream = functions.template().table().<PlayedStream>map(table -> TableStreamServer.start(ports.dynamoDb(), table))
                .orElseGet(() -> KinesisStreamServer.start(ports.kinesis(), functions.template().streamName(), shards));
        ElasticMq sqs = null;
        try {
            sqs = ports.sqs() > 0 ? ElasticMq.start(ports.sqs()) : ElasticMq.start();
            return new LocalPipeline(stream, sqs, type, type == OnFailureDestinationType.S3 ? ports.s3() : ports.sns(), functions);
        } catch (RuntimeException failed) {
            stream.close();
            if (sqs != null) {
                sqs.close();
            }
            throw failed;
        }
    }

    /** Ports to listen on; 0 picks a free one. Only the played stream's and destination's servers start. */
    record ServerPorts(int kinesis, int dynamoDb, int sqs, int sns, int s3) {
    }

    /**
     * The template's functions to run, and where: the folders their code runs from and the folder their logs go to.
     *
     * @param hydrateFolder null when the template has no OnFailure destination, and so no hydrate
     */
    record PipelineFunctions(PipelineTemplate template, Path consumerFolder, Path hydrateFolder, Path logs) {
        Path log(SamFunction function) {
            return logs.resolve(function.logicalId() + ".log");
        }
    }

    /** Produces the demo records into the Kinesis stream, runs the flow until every record is settled, gathers the outcome. */
    PipelineResult run(int records, double poisonRate, long seed, EventSourceMappingSettings settings,
                       Duration timeout, ProgressLine progress) {
        DemoProducer producer = demoProducer(seed);
        return run(() -> producer.produce(records, poisonRate), settings, timeout, progress);
    }

    /** As {@link #run(int, double, long, EventSourceMappingSettings, Duration, ProgressLine)}, with {@code records} as given. */
    PipelineResult run(List<PutRecordsRequestEntry> records, EventSourceMappingSettings settings, Duration timeout,
                       ProgressLine progress) {
        DemoProducer producer = demoProducer(0);
        return run(() -> producer.produce(records), settings, timeout, progress);
    }

    /** As {@link #run(List, EventSourceMappingSettings, Duration, ProgressLine)}, with writes to the played table. */
    PipelineResult runTableWrites(List<TableWrite> writes, EventSourceMappingSettings settings, Duration timeout,
                                  ProgressLine progress) {
        if (!(stream instanceof TableStreamServer table)) {
            throw new IllegalStateException("writes to a table need a DynamoDB event's table; the run plays a Kinesis stream");
        }
        return run(() -> table.write(writes), settings, timeout, progress);
    }

    private DemoProducer demoProducer(long seed) {
        KinesisStreamServer kinesis = kinesisServer();
        return new DemoProducer(kinesis.kinesis(), kinesis.streamArn(), seed);
    }

    private KinesisStreamServer kinesisServer() {
        if (!(stream instanceof KinesisStreamServer kinesis)) {
            throw new IllegalStateException("records for a Kinesis stream need a Kinesis event; the run plays a DynamoDB table's stream");
        }
        return kinesis;
    }

    private PipelineResult run(Supplier<List<DemoProducer.Produced>> production, EventSourceMappingSettings settings,
                               Duration timeout, ProgressLine progress) {
        PipelineStats stats = new PipelineStats();
        ProcessingLog processing = new ProcessingLog();
        InvocationLog invocations = new InvocationLog(consumer.definition().logicalId());
        mapping = new StreamEventSourceMapping(stream.shards(), LocalCredentials.REGION.id(),
                settings, consumer, consumer.definition().arn(), discarded -> {
                    destination.send(discarded);
                    if (hydrating()) {
                        published.incrementAndGet();
                    }
                }, EventSourceMappingObserver.all(stats, processing, invocations, printer), Clock.systemUTC());
        mapping.start();
        List<DemoProducer.Produced> produced = production.get();
        AtomicInteger hydrated = new AtomicInteger();
        AtomicInteger hydrateFailures = new AtomicInteger();
        AtomicBoolean mappingDone = new AtomicBoolean();
        Thread delivery = startDelivery(() -> !hydrating() || mappingDone.get() && hydrated.get() >= published.get(), delivered -> {
            hydrated.addAndGet(delivered.hydrated());
            hydrateFailures.addAndGet(delivered.hydrateFailures());
        });
        String blocked = null;
        try (ProgressLine.Ticker ignored = progress.start(() -> stats.settled() + "/" + Counted.of(produced.size(), "record") + " settled, "
                + Counted.of(stats.invocations.get(), "invocation") + ", " + Counted.of(stats.onFailureRecords.size(), "OnFailure record")
                + ", " + hydrated.get() + " hydrated")) {
            mapping.runUntilDrained(() -> false, Deadline.after(timeout, System::currentTimeMillis));
        } catch (ShardBlockedException stuck) {
            blocked = stuck.getMessage();
        } finally {
            mappingDone.set(true);
        }
        awaitDelivery(delivery);
        DeadLetterQueueContents deadLetters = DeadLetterQueueContents.read(deadLetterSqs, deadLetterQueueUrl, DELIVERY_TIMEOUT);
        return new PipelineResult(produced, processing, stats, invocations, destination.type(), hydrating(), hydrated.get(),
                hydrateFailures.get(), deadLetters, blocked, functions.logs(), stream.shards().source());
    }

    /**
     * After {@link #run}: the event source mapping goes on polling the stream and the destination on delivering to
     * the hydrate, each invocation and OnFailure record printed to {@code out}, until the pipeline closes (Ctrl-C)
     * or the thread is interrupted. Records put from outside, the redrive tool's among them, flow through as on AWS.
     *
     * @throws ShardBlockedException when a batch can never leave its shard (infinite retries, no age limit)
     */
    void keepRunning(PrintStream out) {
        printer.printTo(out);
        startDelivery(() -> !hydrating(), printer::delivered);
        try {
            mapping.runUntilDrained(() -> true, Deadline.none());
        } catch (RuntimeException stopped) {
            // Ctrl-C closes the clients under the mapping's feet, and a caller may interrupt: the end, not a failure.
            if (!closing && !Thread.currentThread().isInterrupted()) {
                throw stopped;
            }
        }
    }

    /**
     * Delivers the destination's OnFailure records to the hydrate, in a thread of its own, until {@code done} or
     * until the pipeline closes; what fails because the pipeline closed under it ends the thread quietly.
     */
    private Thread startDelivery(BooleanSupplier done, Consumer<OnFailureDestination.Delivered> outcome) {
        Thread delivery = Thread.ofPlatform().daemon().name("on-failure-delivery").unstarted(() -> {
            try {
                while (!closing && !done.getAsBoolean()) {
                    outcome.accept(destination.deliverPending());
                    pause();
                }
            } catch (RuntimeException failed) {
                if (!closing) {
                    throw failed;
                }
            }
        });
        deliveries.add(delivery);
        delivery.start();
        return delivery;
    }

    /** Whether a function of the template takes the destination's OnFailure records; without one they stay there. */
    private boolean hydrating() {
        return functions.template().hydrate().isPresent();
    }

    /** The hydrate behind the destination, with {@code endpoints} of the destination's server. */
    private HydrateFunction hydrate(Map<String, String> endpoints) {
        LambdaInvoker function = functions.template().hydrate()
                .<LambdaInvoker>map(hydrate -> function(hydrate, functions.hydrateFolder(), endpoints))
                .orElse(event -> LambdaInvoker.Result.error("Runtime.NoHydrate", "no function of the template takes the OnFailure records"));
        return new HydrateFunction(function, deadLetterSqs, deadLetterQueueUrl);
    }

    /** A template function with its environment, the local servers' endpoints and what Lambda sets. */
    private LocalFunction function(SamFunction definition, Path folder, Map<String, String> endpoints) {
        Map<String, String> servers = new LinkedHashMap<>(endpoints);
        servers.putAll(stream.functionEndpoints());
        servers.put("AWS_ENDPOINT_URL_SQS", sqsServer.endpoint().toString());
        LocalFunction function = new LocalFunction(definition, folder, LambdaEnvironment.of(definition, servers),
                LambdaProcess.runtimeClasspathOfThisJvm(), functions.log(definition));
        started.add(function);
        return function;
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

    /** The Kinesis stream's client; only when the run plays a Kinesis stream. */
    KinesisClient kinesis() {
        return kinesisServer().kinesis();
    }

    String streamArn() {
        return stream.shards().streamArn();
    }

    /** What the run plays: a Kinesis stream or a DynamoDB table's stream. */
    StreamSource source() {
        return stream.shards().source();
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
        lines.add(stream.describe());
        lines.add("SQS (ElasticMQ)         " + sqsServer.endpoint() + "   dead-letter queue " + deadLetterQueueUrl);
        lines.addAll(destination.endpoints());
        lines.add("credentials: any access key (e.g. AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local), region "
                + LocalCredentials.REGION.id());
        lines.add("e.g. aws --endpoint-url " + sqsServer.endpoint() + " sqs receive-message --queue-url "
                + deadLetterQueueUrl + " --max-number-of-messages 10");
        if (stream instanceof KinesisStreamServer) {
            lines.add("redrive: AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local make redrive-tool ARGS=\"redrive "
                    + String.join(" ", redriveOptions()) + "\"");
        }
        return lines;
    }

    /**
     * The redrive tool's options that point it at this pipeline's dead-letter queue and stream; only for a Kinesis
     * stream, as the tool puts back Kinesis records only.
     */
    List<String> redriveOptions() {
        return List.of("--queue", deadLetterQueueUrl, "--region", LocalCredentials.REGION.id(),
                "--kinesis-endpoint-url", kinesisServer().endpoint(), "--sqs-endpoint-url", sqsServer.endpoint().toString());
    }

    @Override
    public synchronized void close() {
        // Twice under --keep-running: from Ctrl-C's shutdown hook, then as the command's resource.
        if (closing) {
            return;
        }
        closing = true;
        deliveries.forEach(Thread::interrupt);
        started.forEach(LocalFunction::close);
        destination.close();
        deadLetterSqs.close();
        sqsServer.close();
        stream.close();
    }
}
