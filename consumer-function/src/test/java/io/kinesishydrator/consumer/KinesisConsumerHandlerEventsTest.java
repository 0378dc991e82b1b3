package io.kinesishydrator.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import io.kinesishydrator.consumer.example.Order;
import io.kinesishydrator.consumer.example.OrderRecordProcessor;
import io.kinesishydrator.local.LocalContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;

/** The handler on the files in events/, deserialized as the Lambda runtime does. */
class KinesisConsumerHandlerEventsTest {
    private final List<Order> orders = new ArrayList<>();
    private final KinesisConsumerHandler handler = new KinesisConsumerHandler(
            KinesisBatchProcessor.builder().recordProcessor(new OrderRecordProcessor(orders::add)).build(),
            Duration.ofSeconds(1));

    @ParameterizedTest
    @Event(value = "events/kinesis-batch.json", type = KinesisEvent.class)
    void aBatchOfValidOrdersIsProcessedWhole(KinesisEvent event) {
        StreamsEventResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(orders).extracting(Order::orderId).containsExactly("o-1001", "o-1002", "o-1003");
    }

    @ParameterizedTest
    @Event(value = "events/kinesis-batch-poison.json", type = KinesisEvent.class)
    void aPoisonRecordInTheMiddleIsReportedAndTheRestWaits(KinesisEvent event) {
        StreamsEventResponse response = handler.handleRequest(event, new LocalContext(Duration.ofSeconds(30)));

        String poison = event.getRecords().get(1).getKinesis().getSequenceNumber();
        assertThat(response.getBatchItemFailures()).extracting(BatchItemFailure::getItemIdentifier).containsExactly(poison);
        assertThat(orders).extracting(Order::orderId).containsExactly("o-1001");
    }
}
