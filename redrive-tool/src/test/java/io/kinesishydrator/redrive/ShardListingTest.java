package io.kinesishydrator.redrive;

import static io.kinesishydrator.testsupport.OnFailureRecords.RETRY_ATTEMPTS_EXHAUSTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.kinesishydrator.local.LocalCredentials;
import io.kinesishydrator.testsupport.FaultInjector;
import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.TestQueue;
import io.kinesishydrator.testsupport.TestStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;

/** The shards of the stream records go back to are listed once a run, on kinesis-mock; a stream whose shards cannot be listed keeps its messages. */
@ExtendWith(LocalAws.Extension.class)
class ShardListingTest {
    private static final int SMALL_MESSAGES = 16 * 1024;

    private final LocalAws aws;
    private final FaultInjector faults = new FaultInjector();
    private final StringWriter output = new StringWriter();
    private TestStream stream;
    private TestQueue queue;
    private KinesisClient kinesis;

    ShardListingTest(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void freshStreamAndQueue() {
        stream = aws.newStream(2);
        queue = aws.newQueue();
        kinesis = aws.kinesisMock().client(LocalCredentials.REGION, faults);
    }

    @AfterEach
    void closeClient() {
        kinesis.close();
    }

    /** Every shard's records fail as one batch and reach the queue in parts; returns how many messages. */
    private int hydrateEveryShard(List<TestStream.Written> written) {
        Hydration hydration = new Hydration(aws, queue, SMALL_MESSAGES);
        return Payloads.byShard(written).values().stream()
                .mapToInt(range -> hydration.failed(stream, range, RETRY_ATTEMPTS_EXHAUSTED).dlqMessages()).sum();
    }

    /** A redrive into the stream the records came from, through the client with faults; the summary is printed to {@code output}. */
    private RedriveSummary redrive() {
        RedriveOptions options = RedriveOptions.builder().mark(MarkMode.NONE).build();
        Destinations destinations = new Destinations(region -> kinesis, LocalCredentials.REGION,
                client -> PutRecordsSender.builder(client).sleeper(wait -> { }).build());
        RedriveSummary summary = new RedriveSummary(false);
        PrintWriter out = new PrintWriter(output, true);
        new DeadLetterRedriver(DeadLetterQueue.open(aws.sqs(), queue.url()), Offloading.none(), destinations, options, out).run(summary);
        summary.print(out);
        return summary;
    }

    @Test
    void theShardsAreListedOnceARunForAllMessagesOfTheStream() {
        List<TestStream.Written> written = stream.write(Payloads.mixed(60, 11));
        int messages = hydrateEveryShard(written);

        RedriveSummary summary = redrive();

        assertThat(messages).isGreaterThan(2);
        assertThat(summary.exitCode()).as(output.toString()).isZero();
        assertThat(summary.messagesRedriven()).isEqualTo(messages);
        assertThat(faults.attempts(ListShardsRequest.class)).isEqualTo(1);
        assertThat(output.toString()).containsPattern("records routed into the shard they were read from +60\n");
    }

    @Test
    void aStreamWhoseShardsCannotBeListedKeepsItsMessagesInTheQueueWithTheReason() {
        List<TestStream.Written> written = stream.write(Payloads.mixed(20, 12));
        int messages = hydrateEveryShard(written);
        String denied = "User is not authorized to perform: kinesis:ListShards";
        faults.fail(ListShardsRequest.class, 1, () -> KinesisException.builder().statusCode(400).message(denied)
                .awsErrorDetails(AwsErrorDetails.builder().serviceName("Kinesis").errorCode("AccessDeniedException").errorMessage(denied).build())
                .build());

        RedriveSummary summary = redrive();

        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(summary.messagesLeft(RedriveSummary.Left.SHARDS_NOT_LISTED)).isEqualTo(messages);
        assertThat(faults.attempts(ListShardsRequest.class)).as("the failure is remembered for the run").isEqualTo(1);
        assertThat(output.toString()).contains("could not be listed to find the one its records were read from",
                "AccessDeniedException", "left in the queue: for a stream whose shards could not be listed");
        assertThat(stream.readAllRecords()).hasSize(written.size());
        assertThat(queue.visibleMessages()).hasSize(messages);
    }
}
