package io.kinesishydrator.redrive;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * Demo orders for loads and demos, the same the local pipeline produces: valid JSON orders, and at the poison
 * rate records the example {@code OrderRecordProcessor} rejects for good, half of them malformed JSON and half
 * valid JSON that is not a valid order (quantity 0). A {@code padding} field, which the processor ignores,
 * brings a record to the chosen size; a record already larger keeps its size.
 */
final class DemoRecords {
    private static final int PADDING_FIELD_CHARACTERS = "\"padding\":\"\",".length();

    private final Random random;
    private final double poisonRate;
    private final RecordSize size;
    private final int partitionKeys;
    private int produced;

    DemoRecords(long seed, double poisonRate, RecordSize size, int partitionKeys) {
        if (poisonRate < 0 || poisonRate > 1) {
            throw new IllegalArgumentException("--poison-rate must be from 0 to 1, got " + poisonRate);
        }
        if (partitionKeys < 1) {
            throw new IllegalArgumentException("--partition-keys must be at least 1, got " + partitionKeys);
        }
        this.random = new Random(seed);
        this.poisonRate = poisonRate;
        this.size = size;
        this.partitionKeys = partitionKeys;
    }

    /** One demo record and whether it is poison. */
    record DemoRecord(PutRecordsRequestEntry entry, boolean poison) {
    }

    List<DemoRecord> next(int count) {
        List<DemoRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(record(produced++));
        }
        return records;
    }

    private DemoRecord record(int number) {
        boolean poison = random.nextDouble() < poisonRate;
        String customer = "c-" + random.nextInt(partitionKeys);
        String head = "{\"orderId\":\"o-" + number + "\",";
        String tail = poison ? poison(number, customer) : order(customer);
        int padding = size.pick(random) - head.length() - tail.length() - PADDING_FIELD_CHARACTERS;
        String json = padding < 0 ? head + tail : head + "\"padding\":\"" + "x".repeat(padding) + "\"," + tail;
        PutRecordsRequestEntry entry = PutRecordsRequestEntry.builder().partitionKey(customer)
                .data(SdkBytes.fromString(json, StandardCharsets.UTF_8)).build();
        return new DemoRecord(entry, poison);
    }

    private String order(String customer) {
        return "\"customerId\":\"" + customer + "\",\"sku\":\"SKU-" + random.nextInt(20) + "\",\"quantity\":"
                + (1 + random.nextInt(5)) + ",\"unitPrice\":" + (1 + random.nextInt(9999)) / 100.0 + "}";
    }

    private static String poison(int number, String customer) {
        return number % 2 == 0
                ? "\"customerId\":\"" + customer + "\",\"sku\":"
                : "\"customerId\":\"" + customer + "\",\"sku\":\"SKU-1\",\"quantity\":0,\"unitPrice\":1}";
    }
}
