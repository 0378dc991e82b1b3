package io.kinesishydrator.redrive;

import static io.kinesishydrator.testsupport.OnFailureRecords.RETRY_ATTEMPTS_EXHAUSTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.kinesishydrator.local.LocalCredentials;
import io.kinesishydrator.testsupport.DeadLetters;
import io.kinesishydrator.testsupport.FaultInjector;
import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.TestQueue;
import io.kinesishydrator.testsupport.TestStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The redriver against kinesis-mock and ElasticMQ, with PutRecords faults injected inside the SDK client. */
@ExtendWith(LocalAws.Extension.class)
class DeadLetterRedriverTest {
    private static final int SMALL_MESSAGES = 16 * 1024;
    private static final String THROTTLED = "ProvisionedThroughputExceededException";

    private final LocalAws aws;
    private final FaultInjector faults = new FaultInjector();
    private final StringWriter output = new StringWriter();
    private TestStream source;
    private TestStream target;
    private TestQueue queue;
    private KinesisClient kinesis;

    DeadLetterRedriverTest(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void freshStreamsAndQueue() {
        source = aws.newStream(2);
        target = aws.newStream(2);
        queue = aws.newQueue();
        kinesis = aws.kinesisMock().client(LocalCredentials.REGION, faults);
    }

    @AfterEach
    void closeClient() {
        kinesis.close();
    }

    private RedriveSummary redrive() {
        RedriveOptions options = RedriveOptions.builder().toStream(target.arn()).mark(MarkMode.NONE).build();
        Destinations destinations = new Destinations(region -> kinesis, LocalCredentials.REGION,
                client -> PutRecordsSender.builder(client).maxAttempts(4).sleeper(wait -> { }).build());
        RedriveSummary summary = new RedriveSummary(false);
        new DeadLetterRedriver(DeadLetterQueue.open(aws.sqs(), queue.url()), Offloading.none(), destinations, options, new PrintWriter(output, true)).run(summary);
        return summary;
    }

    /** Every shard's records fail as one batch and reach the queue, in parts, through the real hydrate. */
    private int hydrateEveryShard(List<TestStream.Written> written) {
        Hydration hydration = new Hydration(aws, queue, SMALL_MESSAGES);
        return Payloads.byShard(written).values().stream()
                .mapToInt(range -> hydration.failed(source, range, RETRY_ATTEMPTS_EXHAUSTED).dlqMessages()).sum();
    }

    @Test
    void throttledEntriesAreResentAndEveryRecordEndsInTheStreamExactlyOnce() {
        List<TestStream.Written> written = source.write(Payloads.mixed(150, 3));
        int messages = hydrateEveryShard(written);
        Set<String> throttledOnce = ConcurrentHashMap.newKeySet();
        faults.refuse((call, entry) -> entry.data().asByteArrayUnsafe().length % 3 == 0
                && throttledOnce.add(entry.partitionKey() + Arrays.toString(entry.data().asByteArrayUnsafe())) ? THROTTLED : null);

        RedriveSummary summary = redrive();

        assertThat(throttledOnce).isNotEmpty();
        assertThat(summary.exitCode()).as(output.toString()).isZero();
        assertThat(summary.messagesRedriven()).isEqualTo(messages);
        assertThat(summary.recordsPut()).isEqualTo(150);
        assertThat(target.readAllRecords()).extracting(TestStream.Written::content)
                .containsExactlyInAnyOrderElementsOf(written.stream().map(TestStream.Written::content).toList());
        assertThat(queue.visibleMessages()).isEmpty();
    }

    @Test
    void aMessageIsNotDeletedWhenAnyOfItsRecordsCouldNotBePut() {
        List<TestStream.Payload> payloads = new ArrayList<>(Payloads.mixed(30, 5));
        byte[] refused = "{\"orderId\":\"refused-every-time\"}".getBytes(StandardCharsets.UTF_8);
        payloads.add(new TestStream.Payload("customer-1", refused));
        List<TestStream.Written> written = source.write(payloads);
        String refusedShard = written.get(written.size() - 1).shardId();
        Hydration hydration = new Hydration(aws, queue, 1024 * 1024);
        Payloads.byShard(written).values().forEach(range -> hydration.failed(source, range, RETRY_ATTEMPTS_EXHAUSTED));
        faults.refuse((call, entry) -> Arrays.equals(entry.data().asByteArrayUnsafe(), refused) ? THROTTLED : null);

        RedriveSummary summary = redrive();

        assertThat(summary.messagesRedriven()).isEqualTo(1);
        assertThat(summary.messagesLeft(RedriveSummary.Left.RECORDS_NOT_PUT)).isEqualTo(1);
        assertThat(summary.exitCode()).isEqualTo(1);
        List<Message> left = queue.visibleMessages();
        assertThat(left).singleElement().satisfies(message -> {
            assertThat(message.body()).contains("\"shardId\":\"" + refusedShard + "\"");
            assertThat(DeadLetters.records(List.of(message))).extracting(DeadLetters::data).contains(refused);
        });
        assertThat(output.toString()).contains("left in the queue: message " + left.get(0).messageId(),
                "1 of ", "could not be put {" + THROTTLED + "=1}");
        assertThat(target.readAllRecords()).extracting(TestStream.Written::content)
                .doesNotContain(written.get(written.size() - 1).content())
                .hasSize(written.size() - 1);
    }
}
