package io.kinesishydrator.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

class PutRecordsBatcherTest {
    private final PutRecordsBatcher batcher = new PutRecordsBatcher(PutRecordsSender.MAX_RECORDS_PER_CALL, PutRecordsSender.MAX_BYTES_PER_RECORD);

    private static PutRecordsRequestEntry entry(String partitionKey, int dataBytes) {
        return PutRecordsRequestEntry.builder().partitionKey(partitionKey).data(SdkBytes.fromByteArrayUnsafe(new byte[dataBytes])).build();
    }

    private static List<Integer> sizes(PutRecordsBatcher.Batches batches) {
        return batches.requests().stream().map(List::size).toList();
    }

    private static List<Integer> indexes(PutRecordsBatcher.Batches batches) {
        return batches.requests().stream().flatMap(List::stream).map(PutRecordsBatcher.Indexed::index).toList();
    }

    @Test
    void aRequestHoldsAtMost500Records() {
        List<PutRecordsRequestEntry> records = IntStream.range(0, 1201).mapToObj(i -> entry("k-" + i, 10)).toList();

        PutRecordsBatcher.Batches batches = batcher.split(records);

        assertThat(sizes(batches)).containsExactly(500, 500, 201);
        assertThat(indexes(batches)).containsExactlyElementsOf(IntStream.range(0, 1201).boxed().toList());
        assertThat(batches.rejected()).isEmpty();
    }

    @Test
    void aRequestHoldsAtMost5MiBOfDataAndPartitionKeys() {
        // Each record is exactly at the per-record limit, so exactly five fill a request to the byte.
        String key = "k";
        List<PutRecordsRequestEntry> records = IntStream.range(0, 11)
                .mapToObj(i -> entry(key, PutRecordsSender.MAX_BYTES_PER_RECORD - key.length())).toList();

        PutRecordsBatcher.Batches batches = batcher.split(records);

        assertThat(sizes(batches)).containsExactly(5, 5, 1);
        assertThat(batches.requests()).allSatisfy(request -> assertThat(request.stream()
                .mapToLong(record -> PutRecordsBatcher.bytes(record.entry())).sum()).isLessThanOrEqualTo(PutRecordsSender.MAX_BYTES_PER_CALL));
        assertThat(batches.rejected()).isEmpty();
    }

    @Test
    void theSizeLimitCountsPartitionKeysInUtf8() {
        // 100 characters, 200 bytes: five such records fill 5 MiB to the byte, and a 2-byte record no longer fits.
        String key = "ü".repeat(100);
        List<PutRecordsRequestEntry> records = new ArrayList<>(IntStream.range(0, 5)
                .mapToObj(i -> entry(key, PutRecordsSender.MAX_BYTES_PER_RECORD - 200)).toList());
        records.add(entry("k", 1));

        PutRecordsBatcher.Batches batches = batcher.split(records);

        assertThat(sizes(batches)).containsExactly(5, 1);
    }

    @Test
    void aRecordOverThePerRecordLimitIsReportedAsNotPuttableAndKeptOutOfEveryRequest() {
        String key = "big";
        List<PutRecordsRequestEntry> records = List.of(entry("a", 10),
                entry(key, PutRecordsSender.MAX_BYTES_PER_RECORD - key.length() + 1), entry("b", 10),
                entry(key, PutRecordsSender.MAX_BYTES_PER_RECORD - key.length()));

        PutRecordsBatcher.Batches batches = batcher.split(records);

        assertThat(indexes(batches)).containsExactly(0, 2, 3);
        assertThat(batches.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.index()).isEqualTo(1);
            assertThat(rejected.errorCode()).isEqualTo(PutRecordsSender.RECORD_TOO_LARGE);
            assertThat(rejected.errorMessage()).contains("1048577 bytes");
        });
    }

    @Test
    void aRecordOver5MiBGoesInARequestOfItsOwnUpToTheRaisedPerRecordLimit() {
        String key = "big";
        PutRecordsBatcher largeRecords = new PutRecordsBatcher(PutRecordsSender.MAX_RECORDS_PER_CALL, PutRecordsSender.LARGEST_MAX_BYTES_PER_RECORD);
        List<PutRecordsRequestEntry> records = List.of(entry("a", 10),
                entry(key, PutRecordsSender.LARGEST_MAX_BYTES_PER_RECORD - key.length()), entry("b", 10),
                entry(key, PutRecordsSender.LARGEST_MAX_BYTES_PER_RECORD - key.length() + 1));

        PutRecordsBatcher.Batches batches = largeRecords.split(records);

        assertThat(sizes(batches)).containsExactly(1, 1, 1);
        assertThat(indexes(batches)).containsExactly(0, 1, 2);
        assertThat(batches.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.index()).isEqualTo(3);
            assertThat(rejected.errorCode()).isEqualTo(PutRecordsSender.RECORD_TOO_LARGE);
            assertThat(rejected.errorMessage()).contains("10485761 bytes");
        });
    }

    @Test
    void invalidKeysAreReportedAsNotPuttable() {
        BigInteger largestHashKey = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
        List<PutRecordsRequestEntry> records = List.of(
                entry("", 1),
                entry("k".repeat(257), 1),
                entry("k".repeat(256), 1),
                entry("k", 1).toBuilder().explicitHashKey("12a").build(),
                entry("k", 1).toBuilder().explicitHashKey("007").build(),
                entry("k", 1).toBuilder().explicitHashKey(largestHashKey.add(BigInteger.ONE).toString()).build(),
                entry("k", 1).toBuilder().explicitHashKey(largestHashKey.toString()).build(),
                entry("k", 1).toBuilder().explicitHashKey("0").build(),
                entry("k", 1).toBuilder().data(null).build());

        PutRecordsBatcher.Batches batches = batcher.split(records);

        assertThat(indexes(batches)).containsExactly(2, 6, 7);
        assertThat(batches.rejected()).extracting(SendResult.NotPut::index, SendResult.NotPut::errorCode).containsExactly(
                tuple(0, PutRecordsSender.INVALID_PARTITION_KEY),
                tuple(1, PutRecordsSender.INVALID_PARTITION_KEY),
                tuple(3, PutRecordsSender.INVALID_EXPLICIT_HASH_KEY),
                tuple(4, PutRecordsSender.INVALID_EXPLICIT_HASH_KEY),
                tuple(5, PutRecordsSender.INVALID_EXPLICIT_HASH_KEY),
                tuple(8, PutRecordsSender.MISSING_DATA));
    }

    @Test
    void aSmallerRequestSizeIsKept() {
        PutRecordsBatcher.Batches batches = new PutRecordsBatcher(3, PutRecordsSender.MAX_BYTES_PER_RECORD).split(IntStream.range(0, 7).mapToObj(i -> entry("k", 1)).toList());

        assertThat(sizes(batches)).containsExactly(3, 3, 1);
    }
}
