package io.kinesishydrator.bench;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The baseline: the Kinesis partial-batch handler of the AWS documentation, with the order mapping people add
 * to it. In order, each record's bytes copied out, mapped by a shared ObjectMapper, the first failure reported.
 */
final class PlainOrderHandler {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The small order the mapper fills; the payload's other fields are ignored. */
    public static final class PlainOrder {
        public String orderId;
        public String customerId;
        public String sku;
        public int quantity;
        public BigDecimal unitPrice;
    }

    private PlainOrderHandler() {
    }

    static StreamsEventResponse handle(List<KinesisEventRecord> records, Consumer<PlainOrder> orders) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        String sequenceNumber = null;
        for (KinesisEventRecord record : records) {
            try {
                sequenceNumber = record.getKinesis().getSequenceNumber();
                orders.accept(map(record));
            } catch (Exception failure) {
                failures.add(new StreamsEventResponse.BatchItemFailure(sequenceNumber));
                return new StreamsEventResponse(failures);
            }
        }
        return new StreamsEventResponse(failures);
    }

    /** One record's order: its bytes copied out of the buffer and mapped by the shared ObjectMapper. */
    static PlainOrder map(KinesisEventRecord record) throws IOException {
        ByteBuffer data = record.getKinesis().getData();
        byte[] bytes = new byte[data.remaining()];
        // Absolute get: the buffer's position stays put, so the same batch can be handled again.
        data.get(data.position(), bytes);
        return MAPPER.readValue(bytes, PlainOrder.class);
    }
}
