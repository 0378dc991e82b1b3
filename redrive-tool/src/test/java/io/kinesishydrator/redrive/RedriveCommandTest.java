package io.kinesishydrator.redrive;

import static io.kinesishydrator.testsupport.OnFailureRecords.RECORD_AGE_EXCEEDED;
import static io.kinesishydrator.testsupport.OnFailureRecords.RETRY_ATTEMPTS_EXHAUSTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.TestQueue;
import io.kinesishydrator.testsupport.TestStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/** {@code redrive-tool redrive} end to end: dead-letter messages written by the real hydrate, put back into real streams. */
@ExtendWith(LocalAws.Extension.class)
class RedriveCommandTest {
    private static final int SMALL_MESSAGES = 16 * 1024;
    private static final String HALF_HASH_RANGE = "170141183460469231731687303715884105728";

    private final LocalAws aws;
    private TestStream source;
    private TestStream target;
    private TestQueue queue;

    RedriveCommandTest(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void freshStreamsAndQueue() {
        source = aws.newStream(2);
        target = aws.newStream(2);
        queue = aws.newQueue();
    }

    private CommandLineRun redrive(String... options) {
        List<String> args = new ArrayList<>(List.of("--queue", queue.url()));
        args.addAll(List.of(options));
        return CommandLineRun.redrive(aws, args);
    }

    private int hydrate(List<TestStream.Written> range, int maxMessageBytes, String condition) {
        return new Hydration(aws, queue, maxMessageBytes).failed(source, range, condition).dlqMessages();
    }

    private static List<String> contents(List<TestStream.Written> records) {
        return records.stream().map(TestStream.Written::content).toList();
    }

    @Test
    void redrivingMultiPartMessagesRestoresExactlyTheOriginalRecords() {
        List<TestStream.Written> written = source.write(Payloads.mixed(120, 1));
        int messages = 0;
        int ranges = 0;
        for (List<TestStream.Written> shard : Payloads.byShard(written).values()) {
            // Two failed batches on each shard, so the order between batches counts as well as the order of parts.
            int half = shard.size() / 2;
            messages += hydrate(shard.subList(0, half), SMALL_MESSAGES, RETRY_ATTEMPTS_EXHAUSTED);
            messages += hydrate(shard.subList(half, shard.size()), SMALL_MESSAGES, RETRY_ATTEMPTS_EXHAUSTED);
            ranges += 2;
        }

        CommandLineRun run = redrive("--to-stream", target.name(), "--mark", "none");

        assertThat(messages).isGreaterThan(ranges);
        assertThat(run.exit()).as(run.printed()).isZero();
        assertThat(run.out()).contains("messages redriven and deleted", " " + messages + "\n", "OK: every selected message was redriven.")
                .containsPattern("records routed by partition key \\(shard read from unknown\\) +120\n");
        assertThat(Payloads.contentByShard(target.readAllRecords())).isEqualTo(Payloads.contentByShard(written));
        assertThat(queue.visibleMessages()).isEmpty();
    }

    @Test
    void markedRecordsKeepTheirBytesAndTheirShardAndCarryTheRedriveCount() {
        List<TestStream.Written> written = source.write(Payloads.mixed(40, 2));
        Payloads.byShard(written).values().forEach(range -> hydrate(range, 1024 * 1024, RETRY_ATTEMPTS_EXHAUSTED));

        CommandLineRun run = redrive();

        assertThat(run.exit()).as(run.printed()).isZero();
        assertThat(run.out()).containsPattern("records routed into the shard they were read from +40\n");
        Map<String, List<TestStream.Written>> after = Payloads.byShard(source.readAllRecords());
        Payloads.byShard(written).forEach((shard, originals) -> {
            List<TestStream.Written> redriven = after.get(shard).subList(originals.size(), after.get(shard).size());
            assertThat(redriven).extracting(TestStream.Written::partitionKey)
                    .containsExactlyElementsOf(originals.stream().map(record -> record.partitionKey() + "~redrive-1").toList());
            assertThat(redriven).extracting(record -> Base64.getEncoder().encodeToString(record.data()))
                    .containsExactlyElementsOf(originals.stream().map(record -> Base64.getEncoder().encodeToString(record.data())).toList());
        });
    }

    @Test
    void aRecordThatKeepsFailingStaysInTheQueueAtTheRedriveLimit() {
        List<TestStream.Written> written = source.write(List.of(new TestStream.Payload("c-9~redrive-2", "{}".getBytes(StandardCharsets.UTF_8))));
        hydrate(written, 1024 * 1024, RETRY_ATTEMPTS_EXHAUSTED);

        CommandLineRun atLimit = redrive("--to-stream", target.name(), "--max-redrives", "2");
        CommandLineRun belowLimit = redrive("--to-stream", target.name());

        assertThat(atLimit.exit()).as(atLimit.printed()).isEqualTo(1);
        assertThat(atLimit.out()).contains("1 record(s) (" + written.get(0).sequenceNumber() + ") failed again after 2 redrive(s)",
                "left in the queue: holding records redriven --max-redrives times already");
        assertThat(belowLimit.exit()).as(belowLimit.printed()).isZero();
        assertThat(target.readAllRecords()).singleElement().satisfies(record -> {
            assertThat(record.partitionKey()).isEqualTo("c-9~redrive-3");
            assertThat(record.shardId()).as("routed by the original key").isEqualTo(
                    source.write(List.of(new TestStream.Payload("c-9", new byte[] {1}))).get(0).shardId());
        });
    }

    @Test
    void anOffloadedMessageIsReadFromTheBucketItsPointerNamesAndItsObjectDeletedAfterIt() throws Exception {
        List<TestStream.Written> shard = Payloads.byShard(source.write(Payloads.mixed(12, 9))).values().iterator().next();
        try (Offloading offloading = new Offloading(aws)) {
            offloading.send(queue, Offloading.deadLetterBody(source, shard));

            CommandLineRun run = redrive("--to-stream", target.name(), "--mark", "none", "--s3-endpoint-url", aws.s3Mock().endpoint().toString());

            assertThat(run.exit()).as(run.printed()).isZero();
            assertThat(contents(target.readAllRecords())).containsExactlyInAnyOrderElementsOf(contents(shard));
            assertThat(queue.visibleMessages()).isEmpty();
            assertThat(offloading.objectKeys()).isEmpty();
        }
    }

    @Test
    void kplUserRecordsArePutAsIndividualRecordsWithTheirOwnKeys() throws Exception {
        byte[] aggregate = Base64.getMimeDecoder().decode(Files.readString(
                Path.of("..", "hydrate-function", "src", "test", "resources", "kpl", "three-records.b64")));
        List<TestStream.Written> written = source.write(List.of(new TestStream.Payload("aggregate", aggregate)));
        hydrate(written, 1024 * 1024, RETRY_ATTEMPTS_EXHAUSTED);

        CommandLineRun run = redrive("--to-stream", target.arn(), "--mark", "none");

        assertThat(run.exit()).as(run.printed()).isZero();
        List<TestStream.Written> records = target.readAllRecords();
        assertThat(records).extracting(TestStream.Written::partitionKey).containsExactlyInAnyOrder("order-1", "order-2", "order-3");
        assertThat(records).filteredOn(record -> record.partitionKey().equals("order-1")).singleElement().satisfies(record -> {
            assertThat(new String(record.data(), StandardCharsets.UTF_8)).isEqualTo("{\"orderId\":\"o-1\",\"total\":12.5}");
            assertThat(record.shardId()).as("routed by its explicit hash key, " + HALF_HASH_RANGE).isEqualTo("shardId-000000000001");
        });
        assertThat(records).filteredOn(record -> record.partitionKey().equals("order-3")).singleElement()
                .satisfies(record -> assertThat(record.data()).isEmpty());
    }

    @Test
    void aDryRunPrintsWhatItWouldPutAndChangesNothing() {
        List<TestStream.Written> written = source.write(Payloads.mixed(20, 4));
        Payloads.byShard(written).values().forEach(range -> hydrate(range, SMALL_MESSAGES, RECORD_AGE_EXCEEDED));
        List<Message> before = queue.visibleMessages();

        CommandLineRun run = redrive("--dry-run", "--to-stream", target.name());

        assertThat(run.exit()).as(run.printed()).isZero();
        assertThat(run.out()).contains("Dry run", "would put ", "records that would be put", " 20\n",
                "OK: every selected message can be redriven.");
        assertThat(run.out()).contains("partitionKey=" + written.get(0).partitionKey() + "~redrive-1  explicitHashKey="
                + RedriveMarker.hashKeyOf(written.get(0).partitionKey()) + "  " + written.get(0).data().length + " bytes");
        assertThat(target.readAllRecords()).isEmpty();
        assertThat(source.readAllRecords()).hasSize(20);
        List<Message> after = queue.visibleMessages();
        assertThat(after).extracting(Message::messageId).containsExactlyInAnyOrderElementsOf(before.stream().map(Message::messageId).toList());
        assertThat(after).extracting(Message::body).containsExactlyInAnyOrderElementsOf(before.stream().map(Message::body).toList());
    }

    @Test
    void aMessageWithTruncatedRecordsStaysInTheQueueAndIsCounted() {
        // One key, so both records are on one shard and fail in one batch, whose single message holds both.
        List<TestStream.Written> written = source.write(List.of(
                new TestStream.Payload("order-7", "a".getBytes(StandardCharsets.UTF_8)),
                new TestStream.Payload("order-7", new byte[40_000])));
        List<TestStream.Written> others = source.write(List.of(new TestStream.Payload("later", "b".getBytes(StandardCharsets.UTF_8))));
        assertThat(hydrate(written, SMALL_MESSAGES, RETRY_ATTEMPTS_EXHAUSTED)).isEqualTo(1);
        hydrate(others, SMALL_MESSAGES, RETRY_ATTEMPTS_EXHAUSTED);

        CommandLineRun run = redrive("--to-stream", target.name());

        assertThat(run.exit()).as(run.printed()).isEqualTo(1);
        assertThat(run.out()).contains("1 truncated record(s) (" + written.get(1).sequenceNumber() + ")",
                "left in the queue: holding truncated records (no data to put)", "truncated records (not redrivable)",
                "NOT DONE:");
        assertThat(queue.visibleMessages()).singleElement().satisfies(message -> assertThat(message.body()).contains("\"truncated\":true"));
        assertThat(target.readAllRecords()).extracting(TestStream.Written::partitionKey).containsExactly("later~redrive-1");
    }

    @Test
    void messagesNotInTheHydratesSchemaAreSkippedCountedAndLeftInTheQueue() {
        List<TestStream.Written> written = source.write(Payloads.mixed(3, 6));
        hydrate(List.of(written.get(0)), 1024 * 1024, RETRY_ATTEMPTS_EXHAUSTED);
        new Hydration(aws, queue, 1024 * 1024).unparseable("{\"Type\":\"not a Kinesis OnFailure record\"}");
        queue.send("hello");

        CommandLineRun run = redrive("--to-stream", target.name());

        assertThat(run.exit()).as(run.printed()).isEqualTo(1);
        assertThat(run.out()).contains("not in the hydrate's schema: no KinesisBatchInfo", "not in the hydrate's schema: the body is not a JSON object")
                .containsPattern("left in the queue: not in the hydrate's schema +2");
        assertThat(queue.visibleMessages()).extracting(Message::body)
                .containsExactlyInAnyOrder("{\"Type\":\"not a Kinesis OnFailure record\"}", "hello");
        assertThat(target.readAllRecords()).hasSize(1);
    }

    @Test
    void filtersSelectMessagesByShardAndByCondition() {
        List<TestStream.Written> written = source.write(Payloads.mixed(30, 7));
        List<List<TestStream.Written>> shards = new ArrayList<>(Payloads.byShard(written).values());
        hydrate(shards.get(0), 1024 * 1024, RETRY_ATTEMPTS_EXHAUSTED);
        hydrate(shards.get(1), 1024 * 1024, RECORD_AGE_EXCEEDED);

        CommandLineRun byShard = redrive("--to-stream", target.name(), "--mark", "none", "--shard", shards.get(0).get(0).shardId());

        assertThat(byShard.exit()).as(byShard.printed()).isZero();
        assertThat(byShard.out()).containsPattern("left in the queue: not selected by --shard or --condition +1");
        assertThat(target.readAllRecords()).extracting(TestStream.Written::content).containsExactlyInAnyOrderElementsOf(contents(shards.get(0)));
        assertThat(queue.visibleMessages()).singleElement().satisfies(message -> assertThat(message.body()).contains("RecordAgeExceeded"));

        CommandLineRun byCondition = redrive("--to-stream", target.name(), "--mark", "none", "--condition", "RecordAgeExceeded");

        assertThat(byCondition.exit()).as(byCondition.printed()).isZero();
        assertThat(target.readAllRecords()).extracting(TestStream.Written::content).containsExactlyInAnyOrderElementsOf(contents(written));
        assertThat(queue.visibleMessages()).isEmpty();
    }

    @Test
    void aMessageWhoseStreamNoLongerExistsStaysInTheQueue() {
        List<TestStream.Written> written = source.write(Payloads.mixed(2, 8));
        hydrate(List.of(written.get(0)), 1024 * 1024, RETRY_ATTEMPTS_EXHAUSTED);
        aws.kinesis().deleteStream(request -> request.streamARN(source.arn()).enforceConsumerDeletion(true));

        CommandLineRun run = redrive();

        assertThat(run.exit()).as(run.printed()).isEqualTo(1);
        assertThat(run.out()).contains("stream " + source.arn() + " does not exist: redrive with --to-stream",
                "left in the queue: for a stream that does not exist");
        assertThat(queue.visibleMessages()).hasSize(1);
    }

    @Test
    void anUnknownQueueOrStreamIsAClearError() {
        CommandLineRun unknownQueue = CommandLineRun.redrive(aws, List.of("--queue", "no-such-queue-" + UUID.randomUUID()));
        CommandLineRun unknownStream = redrive("--to-stream", "no-such-stream");

        assertThat(unknownQueue.exit()).isEqualTo(2);
        assertThat(unknownQueue.err()).startsWith("error: queue no-such-queue-").contains("does not exist");
        assertThat(unknownStream.exit()).isEqualTo(2);
        assertThat(unknownStream.err()).isEqualTo("error: stream no-such-stream does not exist in us-east-1" + System.lineSeparator());
    }

    @Test
    void credentialsThatCannotBeFoundAreAClearError() {
        CommandLineRun run = redrive("--profile", "no-such-profile-" + UUID.randomUUID());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: no AWS credentials from profile no-such-profile-").contains("export-credentials");
    }

    @Test
    void badOptionsAreClearErrors() {
        CommandLineRun condition = redrive("--condition", "Sometimes");
        CommandLineRun mark = redrive("--mark", "header");
        CommandLineRun noQueue = CommandLineRun.of("redrive");

        assertThat(condition.exit()).isEqualTo(2);
        assertThat(condition.err()).contains("--condition must be RetryAttemptsExhausted or RecordAgeExceeded, got 'Sometimes'");
        assertThat(mark.exit()).isEqualTo(2);
        assertThat(mark.err()).contains("--mark must be partition-key or none, got 'header'");
        assertThat(noQueue.exit()).isEqualTo(2);
        assertThat(noQueue.err()).contains("Missing required option: '--queue=URL|NAME'");
    }

    @Test
    void theHelpDescribesTheCommandAndTheMark() {
        CommandLineRun tool = CommandLineRun.of("--help");
        CommandLineRun redrive = CommandLineRun.of("redrive", "--help");

        assertThat(tool.exit()).isZero();
        assertThat(tool.out()).contains("redrive  Puts the dead-letter queue's records back").doesNotContain("produce");
        assertThat(redrive.exit()).isZero();
        assertThat(redrive.out()).contains("--dry-run", "--to-stream", "--max-records-per-second", "--shard", "--condition",
                "--endpoint-url", "<original key>~redrive-<n>", "ListShards", "Exit codes");
    }
}
