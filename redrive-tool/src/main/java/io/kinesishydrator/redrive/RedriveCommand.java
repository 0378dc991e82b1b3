package io.kinesishydrator.redrive;

import io.kinesishydrator.common.ProgressLine;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** {@code redrive}: the dead-letter queue back into Kinesis. */
@Command(name = "redrive", sortOptions = false,
        description = {
                "Puts the dead-letter queue's records back into their streams.",
                "%nReads the hydrate's dead-letter messages (every part of a split batch included) and puts their records"
                        + " back, in shard order, into the stream each message names (KinesisBatchInfo.streamArn) or into"
                        + " --to-stream. A message is deleted only once all its records are in the stream. One that cannot be"
                        + " redriven whole stays in the queue, named in the output with the reason: truncated records (no"
                        + " data), records at the redrive limit, a stream that does not exist, records not put after every"
                        + " attempt, a message not in the hydrate's schema, a message whose body was offloaded to S3 and cannot be read"
                        + " there (one that can is redriven, and its S3 object deleted after the message). KPL user records go back as individual records"
                        + " with their own partition and explicit hash keys.",
                "%nInto the stream they came from, records go back to the shard they were read from (KinesisBatchInfo.shardId),"
                        + " or, when a reshard closed it, to its child, by an explicit hash key in its range; into another stream,"
                        + " or when ListShards no longer lists that shard, by partition key. The summary counts records by route.",
                "%nOptions:"},
        footer = {
                "%nThe redrive mark (--mark partition-key): a record's partition key becomes <original key>~redrive-<n>,"
                        + " n counting its redrives, and its explicit hash key the MD5 of the original key, so it lands on"
                        + " the shard the original key routes to, with its data unchanged. A consumer sees the mark; a record"
                        + " that fails again comes back to the queue marked, and after --max-redrives redrives it is left there.",
                "%nExit codes: 0 every selected message redriven (with --dry-run: redrivable), 1 some left (see the"
                        + " summary), 2 could not run (unknown queue or stream, no credentials, ...)."})
final class RedriveCommand implements Callable<Integer> {
    private static final Set<String> CONDITIONS = Set.of("RetryAttemptsExhausted", "RecordAgeExceeded");
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--queue", required = true, paramLabel = "URL|NAME", description = "The dead-letter queue.")
    String queue;

    @Option(names = "--to-stream", paramLabel = "NAME|ARN",
            description = "Put every record into this stream instead of the one its message names.")
    String toStream;

    @Option(names = "--dry-run", description = "Print what would be put, record by record; put nothing, delete nothing.")
    boolean dryRun;

    @Option(names = "--shard", paramLabel = "SHARD_ID",
            description = "Only messages of this shard (KinesisBatchInfo.shardId); repeatable.")
    List<String> shards = new ArrayList<>();

    @Option(names = "--condition", paramLabel = "CONDITION",
            description = "Only messages with this requestContext.condition: RetryAttemptsExhausted or RecordAgeExceeded; repeatable.")
    List<String> conditions = new ArrayList<>();

    @Option(names = "--mark", paramLabel = "partition-key|none",
            description = "partition-key: mark redriven records (see below); none: put them back exactly as the message holds them (default: partition-key).")
    String mark = MarkMode.PARTITION_KEY.option();

    @Option(names = "--max-redrives", paramLabel = "N",
            description = "Leave a message holding a record already redriven N times (default: ${DEFAULT-VALUE}).")
    int maxRedrives = 3;

    @Option(names = "--max-messages", paramLabel = "N",
            description = "Messages to read in one run; they are held in memory (default: ${DEFAULT-VALUE}).")
    int maxMessages = 1000;

    @Option(names = "--visibility-timeout", paramLabel = "SECONDS",
            description = "How long the run keeps the messages it read from other readers; messages left are released at the end (default: ${DEFAULT-VALUE}).")
    int visibilityTimeoutSeconds = 900;

    @Mixin
    SenderOptions sender;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--sqs-endpoint-url", paramLabel = "URL", description = "Endpoint for SQS only.")
    URI sqsEndpointUrl;

    @Option(names = "--s3-endpoint-url", paramLabel = "URL",
            description = "Endpoint for S3 only, where offloaded messages' bodies are (the bucket is the one each message names).")
    URI s3EndpointUrl;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RedriveOptions options;
        Function<KinesisClient, PutRecordsSender> senders;
        try {
            options = options();
            senders = sender.senders();
        } catch (IllegalArgumentException invalid) {
            err.println("error: " + invalid.getMessage());
            return 2;
        }
        try (AwsClients aws = connection.connect(sqsEndpointUrl, s3EndpointUrl)) {
            DeadLetterQueue deadLetters = DeadLetterQueue.open(aws.sqs(), queue);
            Destinations destinations = new Destinations(aws::kinesis, aws.region(), senders);
            if (toStream != null) {
                destinations.resolve(toStream);
            }
            out.println((dryRun ? "Dry run: reading " : "Redriving ") + deadLetters.url() + " (about "
                    + deadLetters.approximateMessages() + " messages) into " + (toStream == null ? "each message's own stream" : toStream)
                    + (options.mark() == MarkMode.PARTITION_KEY ? ", partition keys marked " + RedriveMarker.SUFFIX + "<n>" : ", unmarked"));
            RedriveSummary summary = new RedriveSummary(dryRun);
            try (ProgressLine.Ticker ignored = new ProgressLine(out::println, PROGRESS_INTERVAL).start(summary::progress)) {
                new DeadLetterRedriver(deadLetters, new OffloadedBodies(aws::s3), destinations, options, out).run(summary);
            } finally {
                summary.print(out);
            }
            return summary.exitCode();
        } catch (ToolException problem) {
            err.println("error: " + problem.getMessage());
            return 2;
        } catch (SdkException failure) {
            err.println("error: " + AwsErrors.describe(failure));
            return 2;
        }
    }

    private RedriveOptions options() {
        for (String condition : conditions) {
            if (!CONDITIONS.contains(condition)) {
                throw new IllegalArgumentException("--condition must be RetryAttemptsExhausted or RecordAgeExceeded, got '" + condition + "'");
            }
        }
        return RedriveOptions.builder()
                .toStream(toStream)
                .dryRun(dryRun)
                .shards(shards)
                .conditions(conditions)
                .mark(MarkMode.of(mark))
                .maxRedrives(maxRedrives)
                .maxMessages(maxMessages)
                .visibilityTimeout(Duration.ofSeconds(visibilityTimeoutSeconds))
                .build();
    }
}
