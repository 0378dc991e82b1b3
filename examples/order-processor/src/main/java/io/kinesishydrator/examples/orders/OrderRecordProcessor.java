package io.kinesishydrator.examples.orders;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import io.kinesishydrator.consumer.PermanentRecordException;
import io.kinesishydrator.consumer.RecordProcessor;
import java.util.function.Consumer;

/**
 * The example processor: each record is a JSON {@link Order}. Valid orders go to the order sink (a no-op in
 * the default, where your business logic would go); malformed or invalid ones fail permanently, so they are
 * reported at once and end in the dead-letter queue after the event source mapping's retries.
 */
public final class OrderRecordProcessor implements RecordProcessor {
    private final Consumer<Order> orders;

    public OrderRecordProcessor() {
        this(order -> { });
    }

    public OrderRecordProcessor(Consumer<Order> orders) {
        this.orders = orders;
    }

    @Override
    public void process(KinesisEventRecord record) throws PermanentRecordException {
        orders.accept(OrderParser.parse(record.getKinesis().getData()));
    }
}
