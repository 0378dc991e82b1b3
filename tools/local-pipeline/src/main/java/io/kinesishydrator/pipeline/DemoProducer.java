package io.kinesishydrator.pipeline;

import io.kinesishydrator.examples.orders.DemoOrders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Writes the example's {@link DemoOrders} to the stream, each customer's orders on the customer's partition key,
 * or the records of a {@link RecordsFile}.
 */
final class DemoProducer {
    private static final int PUT_BATCH = 500;

    private final KinesisClient kinesis;
    private final String streamArn;
    private final long seed;

    DemoProducer(KinesisClient kinesis, String streamArn, long seed) {
        this.kinesis = kinesis;
        this.streamArn = streamArn;
        this.seed = seed;
    }

    /** A record as it was put: its coordinates, its data, and whether it is poison. */
    record Produced(String shardId, String sequenceNumber, String partitionKey, SdkBytes data, boolean poison) {
    }

    List<Produced> produce(int count, double poisonRate) {
        DemoOrders orders = new DemoOrders(seed, poisonRate);
        List<PutRecordsRequestEntry> records = new ArrayList<>(count);
        List<Boolean> poison = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            DemoOrders.DemoOrder order = orders.next();
            records.add(PutRecordsRequestEntry.builder().partitionKey(order.customerId())
                    .data(SdkBytes.fromString(order.json(), StandardCharsets.UTF_8))
                    .build());
            poison.add(order.poison());
        }
        return putAll(records, poison);
    }

    /** Puts {@code records} as they are, in order; none of them is known to be poison. */
    List<Produced> produce(List<PutRecordsRequestEntry> records) {
        return putAll(records, Collections.nCopies(records.size(), false));
    }

    private List<Produced> putAll(List<PutRecordsRequestEntry> records, List<Boolean> poison) {
        List<Produced> produced = new ArrayList<>(records.size());
        for (int from = 0; from < records.size(); from += PUT_BATCH) {
            int to = Math.min(from + PUT_BATCH, records.size());
            produced.addAll(put(records.subList(from, to), poison.subList(from, to)));
        }
        return produced;
    }

    private List<Produced> put(List<PutRecordsRequestEntry> batch, List<Boolean> poison) {
        PutRecordsResponse response = kinesis.putRecords(request -> request.streamARN(streamArn).records(batch));
        if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
            throw new IllegalStateException(response.failedRecordCount() + " demo records were not put");
        }
        List<Produced> produced = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            PutRecordsResultEntry result = response.records().get(i);
            produced.add(new Produced(result.shardId(), result.sequenceNumber(), batch.get(i).partitionKey(),
                    batch.get(i).data(), poison.get(i)));
        }
        return produced;
    }
}
