package io.kinesishydrator.redrive;

import static io.kinesishydrator.testsupport.OnFailureRecords.RETRY_ATTEMPTS_EXHAUSTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.TestQueue;
import io.kinesishydrator.testsupport.TestStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Records a producer placed with explicit hash keys, which Kinesis does not return on read, go back to the shard
 * they were read from, or after a reshard to its child, on kinesis-mock: their partition keys all hash to the
 * first shard, so routing by partition key would put the other shard's records in the wrong place.
 */
@ExtendWith(LocalAws.Extension.class)
class SourceShardRoutingTest {
    private static final Duration RESHARD_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final LocalAws aws;
    private TestStream stream;
    private TestQueue queue;
    private List<Shard> shards;

    SourceShardRoutingTest(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void twoShardStreamAndQueue() {
        stream = aws.newStream(2);
        queue = aws.newQueue();
        shards = listShards();
    }

    private List<Shard> listShards() {
        return aws.kinesis().listShards(request -> request.streamARN(stream.arn())).shards();
    }

    private static BigInteger start(Shard shard) {
        return new BigInteger(shard.hashKeyRange().startingHashKey());
    }

    private static boolean holds(HashKeyRange range, String partitionKey) {
        BigInteger hash = new BigInteger(RedriveMarker.hashKeyOf(partitionKey));
        return new BigInteger(range.startingHashKey()).compareTo(hash) <= 0 && hash.compareTo(new BigInteger(range.endingHashKey())) <= 0;
    }

    /** {@code count} partition keys whose hashes lie in {@code range}, found by counting up. */
    private static List<String> keysHashingInto(HashKeyRange range, String prefix, int count) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; keys.size() < count; i++) {
            if (holds(range, prefix + i)) {
                keys.add(prefix + i);
            }
        }
        return keys;
    }

    /** Puts one record with the producer's explicit hash key, one call each so that the records land in order. */
    private TestStream.Written put(String partitionKey, String explicitHashKey, String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        PutRecordsResultEntry result = aws.kinesis().putRecords(request -> request.streamARN(stream.arn()).records(entry -> entry
                .partitionKey(partitionKey).explicitHashKey(explicitHashKey).data(SdkBytes.fromByteArray(bytes)))).records().get(0);
        return new TestStream.Written(result.shardId(), result.sequenceNumber(), partitionKey, bytes);
    }

    /** {@code count} records, alternately on each shard by explicit hash key, their keys (three in turn) all hashing to shard 0. */
    private List<TestStream.Written> writeAlternately(int count) {
        List<String> keys = keysHashingInto(shards.get(0).hashKeyRange(), "order-", 3);
        List<TestStream.Written> written = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Shard shard = shards.get(i % 2);
            written.add(put(keys.get(i % 3), shard.hashKeyRange().startingHashKey(), "{\"n\":" + i + "}"));
            assertThat(written.get(i).shardId()).isEqualTo(shard.shardId());
        }
        return written;
    }

    private void hydrateEveryShard(List<TestStream.Written> written) {
        Hydration hydration = new Hydration(aws, queue, 1024 * 1024);
        Payloads.byShard(written).values().forEach(range -> hydration.failed(stream, range, RETRY_ATTEMPTS_EXHAUSTED));
    }

    private CommandLineRun redrive(String... options) {
        List<String> args = new ArrayList<>(List.of("--queue", queue.url(), "--mark", "none"));
        args.addAll(List.of(options));
        return CommandLineRun.redrive(aws, args);
    }

    /** The records of each shard written after {@code before}'s: what the redrive put. */
    private Map<String, List<String>> putSince(Map<String, List<TestStream.Written>> before) {
        Map<String, List<TestStream.Written>> after = stream.readAll();
        after.replaceAll((shard, records) -> records.subList(before.getOrDefault(shard, List.of()).size(), records.size()));
        after.values().removeIf(List::isEmpty);
        return Payloads.contentByShard(after.values().stream().flatMap(List::stream).toList());
    }

    private void awaitActive() throws InterruptedException {
        Instant deadline = Instant.now().plus(RESHARD_TIMEOUT);
        while (aws.kinesis().describeStreamSummary(request -> request.streamARN(stream.arn())).streamDescriptionSummary()
                .streamStatus() != StreamStatus.ACTIVE) {
            assertThat(Instant.now()).as("stream ACTIVE again after the reshard").isBefore(deadline);
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    @Test
    void recordsGoBackToTheShardTheyWereReadFromInOrder() {
        List<TestStream.Written> written = writeAlternately(20);
        hydrateEveryShard(written);
        Map<String, List<TestStream.Written>> before = stream.readAll();

        CommandLineRun run = redrive();

        assertThat(run.exit()).as(run.printed()).isZero();
        assertThat(putSince(before)).isEqualTo(Payloads.contentByShard(written));
        assertThat(run.out()).containsPattern("records routed into the shard they were read from +20\n")
                .doesNotContain("records routed by partition key");
    }

    @Test
    void everyShardIsListedAcrossPages() {
        TestStream five = aws.newStream(5);
        List<String> shardIds = aws.kinesis().listShards(request -> request.streamARN(five.arn())).shards().stream().map(Shard::shardId).toList();

        ShardMap listedTwoAPage = ShardMap.list(aws.kinesis(), five.arn(), 2);

        assertThat(shardIds).hasSize(5).allSatisfy(shardId ->
                assertThat(listedTwoAPage.route(shardId, "any key").routing()).as(shardId).isEqualTo(Routing.SOURCE_SHARD));
    }

    @Test
    void intoAnotherStreamRecordsAreRoutedByPartitionKeyAndCountedSo() {
        List<TestStream.Written> written = writeAlternately(6);
        hydrateEveryShard(written);
        TestStream other = aws.newStream(2);

        CommandLineRun run = redrive("--to-stream", other.arn());

        assertThat(run.exit()).as(run.printed()).isZero();
        assertThat(other.readAll().get(shards.get(0).shardId())).hasSize(6);
        assertThat(run.out()).containsPattern("records routed by partition key \\(shard read from unknown\\) +6\n")
                .doesNotContain("records routed into");
    }

    @Test
    void afterASplitRecordsGoToTheChildHoldingTheirKeysHashOrIfNoneDoesToTheLowerChild() throws InterruptedException {
        Shard second = shards.get(1);
        BigInteger middle = start(second).add(new BigInteger(second.hashKeyRange().endingHashKey())).shiftRight(1);
        List<String> ownKeys = keysHashingInto(second.hashKeyRange(), "customer-", 8);
        List<String> otherShardsKeys = keysHashingInto(shards.get(0).hashKeyRange(), "order-", 2);
        List<TestStream.Written> written = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String key = i % 4 == 3 ? otherShardsKeys.get(i % 2) : ownKeys.get(i % ownKeys.size());
            written.add(put(key, second.hashKeyRange().startingHashKey(), "{\"n\":" + i + "}"));
        }
        hydrateEveryShard(written);
        Map<String, List<TestStream.Written>> before = stream.readAll();
        aws.kinesis().splitShard(request -> request.streamARN(stream.arn()).shardToSplit(second.shardId())
                .newStartingHashKey(middle.toString()));
        awaitActive();
        List<Shard> children = listShards().stream().filter(shard -> second.shardId().equals(shard.parentShardId()))
                .sorted(Comparator.comparing(SourceShardRoutingTest::start)).toList();

        CommandLineRun run = redrive();

        assertThat(run.exit()).as(run.printed()).isZero();
        assertThat(children).hasSize(2).allSatisfy(child -> assertThat(child.sequenceNumberRange().endingSequenceNumber()).isNull());
        Shard lower = children.get(0);
        Shard upper = children.get(1);
        List<String> toLower = written.stream().filter(record -> !holds(upper.hashKeyRange(), record.partitionKey()))
                .map(TestStream.Written::content).toList();
        List<String> toUpper = written.stream().filter(record -> holds(upper.hashKeyRange(), record.partitionKey()))
                .map(TestStream.Written::content).toList();
        assertThat(toUpper).isNotEmpty();
        assertThat(toLower).hasSizeGreaterThan(6);
        assertThat(putSince(before)).isEqualTo(Map.of(lower.shardId(), toLower, upper.shardId(), toUpper));
        assertThat(run.out()).containsPattern("records routed into a child of their shard, closed by a reshard +24\n");
    }

    @Test
    void afterAMergeRecordsOfBothParentsGoToTheMergedShardEachParentsInOrder() throws InterruptedException {
        List<TestStream.Written> written = writeAlternately(12);
        hydrateEveryShard(written);
        Map<String, List<TestStream.Written>> before = stream.readAll();
        aws.kinesis().mergeShards(request -> request.streamARN(stream.arn())
                .shardToMerge(shards.get(0).shardId()).adjacentShardToMerge(shards.get(1).shardId()));
        awaitActive();
        Shard merged = listShards().stream().filter(shard -> shard.adjacentParentShardId() != null).findFirst().orElseThrow();

        CommandLineRun run = redrive();

        assertThat(run.exit()).as(run.printed()).isZero();
        List<String> inShardOrder = Payloads.byShard(written).values().stream().flatMap(List::stream).map(TestStream.Written::content).toList();
        assertThat(putSince(before)).isEqualTo(Map.of(merged.shardId(), inShardOrder));
        assertThat(run.out()).containsPattern("records routed into a child of their shard, closed by a reshard +12\n");
    }
}
