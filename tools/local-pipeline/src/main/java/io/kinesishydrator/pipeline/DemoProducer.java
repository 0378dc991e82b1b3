package io.kinesishydrator.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Writes demo orders to the stream: valid JSON orders, and at the poison rate records the example processor
 * rejects for good, half of them malformed JSON and half valid JSON that is not a valid order.
 */
final class DemoProducer {
    private static final int PUT_BATCH = 500;

    private final KinesisClient kinesis;
    private final String streamArn;
    private final Random random;

    DemoProducer(KinesisClient kinesis, String streamArn, long seed) {
        this.kinesis = kinesis;
        this.streamArn = streamArn;
        this.random = new Random(seed);
    }

    /** A record as it was put: its coordinates, and whether it is poison. */
    record Produced(String shardId, String sequenceNumber, String partitionKey, boolean poison) {
    }

    List<Produced> produce(int count, double poisonRate) {
        List<Produced> produced = new ArrayList<>(count);
        List<PutRecordsRequestEntry> batch = new ArrayList<>();
        List<Boolean> poison = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean isPoison = random.nextDouble() < poisonRate;
            String customer = "c-" + random.nextInt(50);
            batch.add(PutRecordsRequestEntry.builder().partitionKey(customer)
                    .data(SdkBytes.fromString(isPoison ? poison(i, customer) : order(i, customer), StandardCharsets.UTF_8))
                    .build());
            poison.add(isPoison);
            if (batch.size() == PUT_BATCH || i == count - 1) {
                produced.addAll(put(batch, poison));
                batch.clear();
                poison.clear();
            }
        }
        return produced;
    }

    private String order(int i, String customer) {
        return "{\"orderId\":\"o-" + i + "\",\"customerId\":\"" + customer + "\",\"sku\":\"SKU-" + random.nextInt(20)
                + "\",\"quantity\":" + (1 + random.nextInt(5)) + ",\"unitPrice\":" + (1 + random.nextInt(9999)) / 100.0 + "}";
    }

    private String poison(int i, String customer) {
        return i % 2 == 0
                ? "{\"orderId\":\"o-" + i + "\",\"customerId\":\"" + customer + "\",\"sku\":"
                : "{\"orderId\":\"o-" + i + "\",\"customerId\":\"" + customer + "\",\"sku\":\"SKU-1\",\"quantity\":0,\"unitPrice\":1}";
    }

    private List<Produced> put(List<PutRecordsRequestEntry> batch, List<Boolean> poison) {
        PutRecordsResponse response = kinesis.putRecords(request -> request.streamARN(streamArn).records(batch));
        if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
            throw new IllegalStateException(response.failedRecordCount() + " demo records were not put");
        }
        List<Produced> produced = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            PutRecordsResultEntry result = response.records().get(i);
            produced.add(new Produced(result.shardId(), result.sequenceNumber(), batch.get(i).partitionKey(), poison.get(i)));
        }
        return produced;
    }
}
