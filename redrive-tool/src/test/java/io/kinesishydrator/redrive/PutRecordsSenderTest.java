package io.kinesishydrator.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.kinesishydrator.local.LocalCredentials;
import io.kinesishydrator.testsupport.FaultInjector;
import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.TestStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;

/** The sender against kinesis-mock, with PutRecords faults injected inside the SDK client. */
@ExtendWith(LocalAws.Extension.class)
class PutRecordsSenderTest {
    private static final String THROTTLED = "ProvisionedThroughputExceededException";

    private final LocalAws aws;
    private final FaultInjector faults = new FaultInjector();
    private TestStream stream;
    private KinesisClient kinesis;

    PutRecordsSenderTest(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void freshStream() {
        stream = aws.newStream(2);
        kinesis = aws.kinesisMock().client(LocalCredentials.REGION, faults);
    }

    @AfterEach
    void closeClient() {
        kinesis.close();
    }

    private PutRecordsSender sender(int maxAttempts) {
        return PutRecordsSender.builder(kinesis).maxAttempts(maxAttempts).sleeper(wait -> { }).build();
    }

    private static List<PutRecordsRequestEntry> records(int count) {
        return IntStream.range(0, count).mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("k-" + i % 13)
                .data(SdkBytes.fromString("record-" + i, StandardCharsets.UTF_8)).build()).toList();
    }

    private static int number(PutRecordsRequestEntry entry) {
        return Integer.parseInt(entry.data().asUtf8String().substring("record-".length()));
    }

    private List<String> dataInStream() {
        return stream.readAllRecords().stream().map(record -> new String(record.data(), StandardCharsets.UTF_8)).sorted().toList();
    }

    private static List<String> data(List<PutRecordsRequestEntry> records) {
        return records.stream().map(record -> record.data().asUtf8String()).sorted().toList();
    }

    @Test
    void everyRecordIsPutOnceInRequestsOfAtMost500() {
        List<PutRecordsRequestEntry> records = records(1234);

        SendResult result = sender(8).send(stream.arn(), records);

        assertThat(result.allPut()).isTrue();
        assertThat(result.put()).extracting(SendResult.Put::index).containsExactlyElementsOf(IntStream.range(0, 1234).boxed().toList());
        assertThat(result.calls()).isEqualTo(3);
        assertThat(faults.calls(PutRecordsRequest.class)).extracting(call -> call.records().size()).containsExactly(500, 500, 234);
        assertThat(dataInStream()).containsExactlyElementsOf(data(records));
    }

    @Test
    void onlyTheThrottledEntriesAreSentAgainAndEveryRecordEndsPutExactlyOnce() {
        // Throttled: every fourth record on its first attempt, every eighth on its second as well.
        Map<Integer, Integer> attempts = new ConcurrentHashMap<>();
        faults.refuse((call, entry) -> {
            int n = number(entry);
            int attempt = attempts.merge(n, 1, Integer::sum);
            return (attempt == 1 && n % 4 == 1) || (attempt == 2 && n % 8 == 1) ? THROTTLED : null;
        });
        List<PutRecordsRequestEntry> records = records(600);

        SendResult result = sender(8).send(stream.arn(), records);

        assertThat(result.allPut()).isTrue();
        assertThat(dataInStream()).containsExactlyElementsOf(data(records));
        List<PutRecordsRequest> calls = faults.calls(PutRecordsRequest.class);
        assertThat(calls).extracting(call -> call.records().stream().map(PutRecordsSenderTest::number).toList()).containsExactly(
                IntStream.range(0, 500).boxed().toList(),
                IntStream.range(0, 500).filter(n -> n % 4 == 1).boxed().toList(),
                IntStream.range(0, 500).filter(n -> n % 8 == 1).boxed().toList(),
                IntStream.range(500, 600).boxed().toList(),
                IntStream.range(500, 600).filter(n -> n % 4 == 1).boxed().toList(),
                IntStream.range(500, 600).filter(n -> n % 8 == 1).boxed().toList());
        assertThat(result.resentEntries()).isEqualTo(calls.get(1).records().size() + calls.get(2).records().size()
                + calls.get(4).records().size() + calls.get(5).records().size());
        assertThat(result.calls()).isEqualTo(6);
    }

    @Test
    void entriesAreSentAgainWhateverTheirErrorCode() {
        List<String> codes = List.of("InternalFailure", "KMSThrottlingException", "AnErrorCodeKinesisMayAddOneDay");
        Set<Integer> refusedOnce = ConcurrentHashMap.newKeySet();
        faults.refuse((call, entry) -> number(entry) % 3 == 0 && refusedOnce.add(number(entry)) ? codes.get(number(entry) % 9 / 3) : null);
        List<PutRecordsRequestEntry> records = records(90);

        SendResult result = sender(8).send(stream.arn(), records);

        assertThat(result.allPut()).isTrue();
        assertThat(dataInStream()).containsExactlyElementsOf(data(records));
        assertThat(faults.calls(PutRecordsRequest.class)).hasSize(2);
    }

    @Test
    void whatIsStillRefusedAfterTheLastAttemptIsListedNotDropped() {
        faults.refuse((call, entry) -> number(entry) % 10 == 0 ? THROTTLED : null);
        List<PutRecordsRequestEntry> records = records(50);

        SendResult result = sender(4).send(stream.arn(), records);

        assertThat(result.allPut()).isFalse();
        assertThat(result.notPut()).extracting(SendResult.NotPut::index).containsExactly(0, 10, 20, 30, 40);
        assertThat(result.notPut()).extracting(notPut -> notPut.entry().data().asUtf8String())
                .containsExactly("record-0", "record-10", "record-20", "record-30", "record-40");
        assertThat(result.notPutByErrorCode()).containsExactly(Map.entry(THROTTLED, 5));
        assertThat(result.put()).hasSize(45);
        assertThat(faults.calls(PutRecordsRequest.class)).hasSize(4);
        assertThat(dataInStream()).containsExactlyElementsOf(data(records.stream().filter(record -> number(record) % 10 != 0).toList()));
    }

    @Test
    void aStreamThatDoesNotExistFailsEveryRecordAtOnceWithoutRetrying() {
        SendResult result = sender(8).send("no-such-stream", records(700));

        assertThat(result.put()).isEmpty();
        assertThat(result.notPut()).hasSize(700);
        assertThat(result.notPutByErrorCode()).containsOnlyKeys("ResourceNotFoundException");
        assertThat(faults.calls(PutRecordsRequest.class)).hasSize(1);
    }

    @Test
    void aRecordOverThePerRecordLimitIsReportedAndNeverSent() {
        PutRecordsRequestEntry huge = PutRecordsRequestEntry.builder().partitionKey("huge")
                .data(SdkBytes.fromByteArrayUnsafe(new byte[PutRecordsSender.MAX_BYTES_PER_RECORD])).build();
        List<PutRecordsRequestEntry> records = List.of(records(1).get(0), huge, records(2).get(1));

        SendResult result = sender(8).send(stream.arn(), records);

        assertThat(result.put()).extracting(SendResult.Put::index).containsExactly(0, 2);
        assertThat(result.notPut()).singleElement().satisfies(notPut -> {
            assertThat(notPut.index()).isEqualTo(1);
            assertThat(notPut.errorCode()).isEqualTo(PutRecordsSender.RECORD_TOO_LARGE);
        });
        assertThat(faults.calls(PutRecordsRequest.class)).singleElement().satisfies(call -> assertThat(call.records()).doesNotContain(huge));
        assertThat(dataInStream()).containsExactly("record-0", "record-1");
    }

    @Test
    void partitionKeysAndExplicitHashKeysAreKept() {
        List<Shard> shards = kinesis.listShards(request -> request.streamARN(stream.arn())).shards();
        String secondShardStart = shards.get(1).hashKeyRange().startingHashKey();
        List<PutRecordsRequestEntry> records = List.of(
                PutRecordsRequestEntry.builder().partitionKey("routed-by-hash-key").explicitHashKey(secondShardStart)
                        .data(SdkBytes.fromUtf8String("a")).build(),
                PutRecordsRequestEntry.builder().partitionKey("routed-by-partition-key").data(SdkBytes.fromUtf8String("b")).build());

        SendResult result = sender(8).send(stream.name(), records);

        assertThat(result.put().get(0).shardId()).isEqualTo(shards.get(1).shardId());
        assertThat(faults.calls(PutRecordsRequest.class).get(0).records()).isEqualTo(records);
        assertThat(stream.readAllRecords()).extracting(TestStream.Written::partitionKey)
                .containsExactlyInAnyOrder("routed-by-hash-key", "routed-by-partition-key");
    }
}
