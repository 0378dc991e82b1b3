package io.kinesishydrator.hydrate.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The range rules both readers share, on records that are their own sequence numbers. */
class RangeCollectorTest {
    private static final String ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/orders";
    private static final String GONE = RangeCollector.PAST_RETENTION;

    /** What the collectors of one test handed on. */
    private final List<String> taken = new ArrayList<>();

    private RangeCollector<String> range(String start, String end, Integer batchSize) {
        return new RangeCollector<>(batch(start, end, batchSize), null, Function.identity(), taken::add);
    }

    private RangeCollector<String> range(String start, String end) {
        return range(start, end, null);
    }

    private static StreamBatchInfo batch(String start, String end, Integer batchSize) {
        return new StreamBatchInfo(StreamType.KINESIS, "shardId-000000000000", start, end, null, null, batchSize, ARN);
    }

    @Test
    void takesTheRecordsFromStartThroughEndAndStopsAtTheEnd() {
        RangeCollector<String> range = range("20", "40");

        assertThat(range.take(List.of("10", "19", "20", "30"))).isFalse();
        assertThat(range.take(List.of("35", "40", "41", "50"))).isTrue();

        RangeRead read = range.finish();
        assertThat(taken).containsExactly("20", "30", "35", "40");
        assertThat(read.recordsRead()).isEqualTo(4);
        assertThat(read.lastSequenceNumberRead()).isEqualTo("40");
        assertThat(read.complete()).isTrue();
        assertThat(read.outOfTime()).isFalse();
        assertThat(read.reason()).isNull();
        assertThat(read.notes()).isEmpty();
    }

    @Test
    void aRangeOfOneRecordIsBothStartAndEnd() {
        RangeCollector<String> range = range("20", "20");

        assertThat(range.take(List.of("19", "20", "21"))).isTrue();

        RangeRead read = range.finish();
        assertThat(taken).containsExactly("20");
        assertThat(read.complete()).isTrue();
    }

    @Test
    void theFirstRecordPastTheEndStopsTheReadWithoutBeingTaken() {
        RangeCollector<String> range = range("20", "40");
        range.take(List.of("20", "30"));

        assertThat(range.take(List.of("41", "42"))).isTrue();

        RangeRead read = range.finish();
        assertThat(taken).containsExactly("20", "30");
        assertThat(read.complete()).isTrue();
    }

    @Test
    void emptyPagesAndPagesBeforeTheStartDoNotEndTheRead() {
        RangeCollector<String> range = range("20", "40");

        assertThat(range.take(List.of())).isFalse();
        assertThat(range.take(List.of("5", "19"))).isFalse();

        assertThat(range.nothingRead()).isTrue();
        assertThat(range.lastSequenceNumber()).isNull();
    }

    @Test
    void aFirstRecordAfterTheStartMeansRetentionDroppedTheHead() {
        RangeCollector<String> range = range("20", "40");

        assertThat(range.take(List.of("19", "25", "40"))).isTrue();

        RangeRead read = range.finish();
        assertThat(taken).containsExactly("25", "40");
        assertThat(read.complete()).isFalse();
        assertThat(read.missing()).containsExactly(new MissingRange("20", null, "25", null, GONE));
        assertThat(read.reason()).isEqualTo(GONE);
    }

    @Test
    void onlyTheFirstRecordReadCanReportAMissingHead() {
        RangeCollector<String> range = range("20", "40");

        range.take(List.of("20"));
        range.take(List.of("30", "40"));

        assertThat(range.finish().missing()).isEmpty();
    }

    @Test
    void aRecordPastTheEndWithNothingReadMeansTheWholeRangeIsGone() {
        RangeCollector<String> range = range("20", "40");

        assertThat(range.take(List.of("10", "41"))).isTrue();

        RangeRead read = range.finish();
        assertThat(taken).isEmpty();
        assertThat(read.missing()).containsExactly(new MissingRange("20", null, null, "40", GONE));
    }

    @Test
    void sequenceNumbersCompareAsNumbersAndKeepTheirText() {
        // DynamoDB's are zero-padded, Kinesis's up to 128 bits wide: neither compares correctly as text.
        RangeCollector<String> range = range("000000000000000000900", "340282366920938463463374607431768211455");

        range.take(List.of("000000000000000000899", "000000000000000001000", "340282366920938463463374607431768211455"));

        RangeRead read = range.finish();
        assertThat(taken).containsExactly("000000000000000001000", "340282366920938463463374607431768211455");
        assertThat(read.missing()).containsExactly(new MissingRange("000000000000000000900", null, "000000000000000001000",
                null, GONE));
    }

    @Test
    void aCountOtherThanTheBatchSizeIsNotedButLeavesTheReadComplete() {
        RangeCollector<String> range = range("20", "40", 3);
        range.take(List.of("20", "40"));

        RangeRead read = range.finish();
        assertThat(read.complete()).isTrue();
        assertThat(read.notes()).containsExactly("read 2 records where the notification's batchSize is 3");
    }

    @Test
    void theBatchSizeIsNotCheckedWhenAbsentMatchingOrWhenRecordsAreMissing() {
        RangeCollector<String> absent = range("20", "40", null);
        absent.take(List.of("20", "40"));
        RangeCollector<String> matching = range("20", "40", 2);
        matching.take(List.of("20", "40"));
        RangeCollector<String> headMissing = range("20", "40", 3);
        headMissing.take(List.of("30", "40"));

        assertThat(absent.finish().notes()).isEmpty();
        assertThat(matching.finish().notes()).isEmpty();
        assertThat(headMissing.finish().notes()).isEmpty();
    }

    @Test
    void stoppingEarlyWithNothingReadMissesTheWholeRange() {
        RangeRead read = range("20", "40").incomplete("the Lambda ran out of time");

        assertThat(taken).isEmpty();
        assertThat(read.missing()).containsExactly(new MissingRange("20", null, null, "40", "the Lambda ran out of time"));
        assertThat(read.reason()).isEqualTo("the Lambda ran out of time");
    }

    @Test
    void stoppingEarlyMissesEverythingAfterTheLastRecordRead() {
        RangeCollector<String> range = range("20", "40");
        range.take(List.of("20", "30"));

        assertThat(range.lastSequenceNumber()).isEqualTo("30");
        RangeRead read = range.incomplete("the shard was closed");
        assertThat(taken).containsExactly("20", "30");
        assertThat(read.missing()).containsExactly(new MissingRange(null, "30", null, "40", "the shard was closed"));
    }

    @Test
    void aMissingHeadAndAnEarlyStopAreBothReported() {
        RangeCollector<String> range = range("20", "40");
        range.take(List.of("25"));

        RangeRead read = range.incomplete("the Lambda ran out of time");

        assertThat(read.missing()).containsExactly(new MissingRange("20", null, "25", null, GONE),
                new MissingRange(null, "25", null, "40", "the Lambda ran out of time"));
        assertThat(read.reason()).isEqualTo(GONE + "; the Lambda ran out of time");
    }

    @Test
    void aFailedCallKeepsWhatWasReadAndNamesTheFailure() {
        RangeCollector<String> range = range("20", "40");
        range.take(List.of("20"));

        RangeRead read = range.failed(new IllegalStateException("stream deleted"));

        assertThat(taken).containsExactly("20");
        assertThat(read.missing()).containsExactly(new MissingRange(null, "20", null, "40",
                "reading the shard failed: IllegalStateException: stream deleted"));
        assertThat(range("20", "40").failed(new IllegalStateException()).reason())
                .isEqualTo("reading the shard failed: IllegalStateException");
    }

    @Test
    void notesTravelWithTheRead() {
        RangeCollector<String> range = range("20", "40");
        range.note("read from the shard's oldest record instead");
        range.take(List.of("20", "40"));

        assertThat(range.finish().notes()).containsExactly("read from the shard's oldest record instead");
    }

    @Test
    void runningOutOfTimeMissesTheTailAndSaysSo() {
        RangeCollector<String> range = range("20", "40");
        range.take(List.of("25"));

        RangeRead read = range.outOfTime();

        assertThat(read.outOfTime()).isTrue();
        assertThat(read.missing()).containsExactly(new MissingRange("20", null, "25", null, GONE),
                new MissingRange(null, "25", null, "40", RangeCollector.OUT_OF_TIME));
        assertThat(read.missingBeforeTheDeadline()).containsExactly(new MissingRange("20", null, "25", null, GONE));
    }

    @Test
    void aContinuationTakesOnlyWhatFollowsItsLastRecordAndCountsOnFromItsEarlierRecords() {
        MissingRange head = new MissingRange("20", null, "25", null, GONE);
        Continuation from = new Continuation(1, "30", 4, 2, List.of(head), List.of("an earlier note"));
        RangeCollector<String> range = new RangeCollector<>(batch("20", "40", 5), from, Function.identity(), taken::add);

        assertThat(range.nothingRead()).isFalse();
        assertThat(range.take(List.of("25", "30", "35", "40"))).isTrue();

        RangeRead read = range.finish();
        assertThat(taken).containsExactly("35", "40");
        assertThat(read.recordsRead()).isEqualTo(4);
        assertThat(read.missing()).containsExactly(head);
        assertThat(read.notes()).containsExactly("an earlier note");
    }

    @Test
    void aContinuationThatFindsNothingMoreMissesWhatFollowsItsLastRecord() {
        Continuation from = new Continuation(2, "30", 4, 2, List.of(), List.of());
        RangeCollector<String> range = new RangeCollector<>(batch("20", "40", null), from, Function.identity(), taken::add);

        assertThat(range.take(List.of("41"))).isTrue();
        assertThat(range.finish().missing()).isEmpty();
        assertThat(range.incomplete("the shard was closed").missing())
                .containsExactly(new MissingRange(null, "30", null, "40", "the shard was closed"));
    }

    @Test
    void aReceiverThatFailsEndsTheReadWithItsOwnFailure() {
        IllegalStateException refused = new IllegalStateException("the queue refused a message");
        RangeCollector<String> range = new RangeCollector<>(batch("20", "40", null), null, Function.identity(), record -> {
            throw refused;
        });

        assertThatThrownBy(() -> range.take(List.of("20"))).isInstanceOf(RangeCollector.ReceiverFailure.class).hasCause(refused);
    }
}
