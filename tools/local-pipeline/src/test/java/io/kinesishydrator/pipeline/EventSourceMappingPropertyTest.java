package io.kinesishydrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.kinesishydrator.local.KinesisMock;
import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * For random poison placements, batch sizes, retry limits, bisecting and failure kinds: every record ends
 * processed or covered by an OnFailure record, no poison record is processed, and no shard's records are
 * processed out of order.
 */
class EventSourceMappingPropertyTest {
    private static KinesisMock kinesisMock;
    private static KinesisClient kinesis;

    @BeforeAll
    static void startKinesis() {
        kinesisMock = KinesisMock.start();
        kinesis = kinesisMock.client();
    }

    @AfterAll
    static void stopKinesis() {
        kinesis.close();
        kinesisMock.close();
    }

    @RepeatedTest(25)
    void everyRecordIsProcessedOrDiscardedInShardOrder(RepetitionInfo repetition) {
        long seed = 7919L * repetition.getCurrentRepetition();
        Random random = new Random(seed);
        int shards = 1 + random.nextInt(2);
        MappingScenario scenario = new MappingScenario(kinesisMock, kinesis, shards);
        for (int shard = 0; shard < shards; shard++) {
            int count = 1 + random.nextInt(60);
            double poisonRate = random.nextDouble() * 0.2;
            scenario.write(shard, count, IntStream.range(0, count).filter(i -> random.nextDouble() < poisonRate).toArray());
        }
        EventSourceMappingSettings settings = new EventSourceMappingSettings(1 + random.nextInt(25), Duration.ZERO,
                random.nextInt(4), random.nextBoolean(), null, 1, "TRIM_HORIZON", true, true);
        MappingScenario.Failure failure = random.nextBoolean() ? MappingScenario.Failure.REPORTED : MappingScenario.Failure.THROWN;
        String trial = "seed " + seed + ", " + settings + ", " + failure;

        scenario.run(settings, failure);

        assertThat(scenario.written).as(trial).allSatisfy(record -> {
            boolean processed = scenario.processing.processed().contains(record.sequenceNumber());
            assertThat(processed || scenario.discarded(record)).as("%s settled", record).isTrue();
            if (record.poison()) {
                assertThat(processed).as("%s is poison", record).isFalse();
            }
        });
        assertThat(scenario.processing.inShardOrder()).as(trial).isTrue();
        assertThat(scenario.stats.settled()).as(trial).isEqualTo(scenario.written.size());
    }
}
