package io.kinesishydrator.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.common.Backoff;
import io.kinesishydrator.common.EmbeddedMetrics;
import io.kinesishydrator.common.StructuredLogger;
import io.kinesishydrator.consumer.example.Order;
import io.kinesishydrator.consumer.example.OrderChangeRecordProcessor;
import io.kinesishydrator.local.LocalContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DynamoDB stream handler on the files in events/, deserialized as the Lambda runtime does. */
class DynamoDbStreamConsumerHandlerEventsTest {
    private final List<Order> orders = new ArrayList<>();
    private final List<String> seen = new ArrayList<>();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final ByteArrayOutputStream metrics = new ByteArrayOutputStream();

    private DynamoDbStreamConsumerHandler handler(DynamoDbRecordProcessor processor) {
        return new DynamoDbStreamConsumerHandler(DynamoDbBatchProcessor.builder()
                .recordProcessor(record -> {
                    seen.add(record.getEventID());
                    processor.process(record);
                })
                .backoff(Backoff.fullJitter(Duration.ofMillis(100), Duration.ofSeconds(2)).withRandom(() -> 0.5))
                .sleeper(wait -> { })
                .logger(new StructuredLogger(new PrintStream(logs, true, StandardCharsets.UTF_8), "test"))
                .metrics(new EmbeddedMetrics(new PrintStream(metrics, true, StandardCharsets.UTF_8), "KinesisHydrator",
                        () -> 1L), "ddb-consumer")
                .build(), Duration.ofSeconds(1));
    }

    private static List<String> reported(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void insertsAndModificationsAreProcessedAndARemovalHasNothingToHandOn() throws Exception {
        DynamodbEvent event = EventLoader.loadDynamoDbEvent("events/dynamodb-stream-batch.json");

        StreamsEventResponse response = handler(new OrderChangeRecordProcessor(orders::add)).handleRequest(event, null);

        assertThat(reported(response)).isEmpty();
        assertThat(orders).extracting(Order::orderId, Order::quantity)
                .containsExactly(tuple("o-1001", 2), tuple("o-1002", 3));
        assertThat(seen).hasSize(3);
        Map<String, Object> line = JSON.std.mapFrom(metrics.toString(StandardCharsets.UTF_8).strip());
        assertThat(line).containsEntry("FunctionName", "ddb-consumer").containsEntry("StreamName", "orders")
                .containsEntry("RecordsProcessed", 3).containsEntry("RecordsFailed", 0)
                .doesNotContainKey("RecordsSkippedDuplicate");
    }

    @Test
    void aPoisonRecordInTheMiddleIsTheOnlyOneReportedAndTheRestWaits() throws Exception {
        DynamodbEvent event = EventLoader.loadDynamoDbEvent("events/dynamodb-stream-batch-poison.json");

        LocalContext context = new LocalContext(Duration.ofSeconds(30));
        StreamsEventResponse response = handler(new OrderChangeRecordProcessor(orders::add)).handleRequest(event, context);

        String poison = event.getRecords().get(1).getDynamodb().getSequenceNumber();
        assertThat(poison).hasSizeGreaterThanOrEqualTo(21);
        assertThat(reported(response)).containsExactly(poison);
        assertThat(orders).extracting(Order::orderId).containsExactly("o-1004");
        assertThat(seen).containsExactly(event.getRecords().get(0).getEventID(), event.getRecords().get(1).getEventID());
        assertThat(logs.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .contains("\"requestId\":\"" + context.getAwsRequestId() + "\"", "\"eventId\":\"1679091c5a880faf6fb5e6087eb1b2dc\"",
                        "\"eventName\":\"INSERT\"", "\"sequenceNumber\":\"" + poison + "\"",
                        "\"eventSourceArn\":\"" + event.getRecords().get(1).getEventSourceARN() + "\"",
                        "\"failure\":\"PERMANENT\"", "quantity must be a whole number", "\"recordsNotProcessed\":2");
    }

    @Test
    void aTransientFailureIsRetriedInProcess() throws Exception {
        DynamodbEvent event = EventLoader.loadDynamoDbEvent("events/dynamodb-stream-batch.json");
        int[] calls = {0};
        OrderChangeRecordProcessor orderProcessor = new OrderChangeRecordProcessor(orders::add);

        StreamsEventResponse response = handler(record -> {
            if (record.getEventName().equals("MODIFY") && ++calls[0] < 3) {
                throw new TransientRecordException("downstream busy");
            }
            orderProcessor.process(record);
        }).handleRequest(event, null);

        assertThat(reported(response)).isEmpty();
        assertThat(calls[0]).isEqualTo(3);
        assertThat(orders).extracting(Order::orderId).containsExactly("o-1001", "o-1002");
        assertThat(JSON.std.mapFrom(metrics.toString(StandardCharsets.UTF_8).strip())).containsEntry("TransientRetries", 2);
    }

    @Test
    void aRecordWithoutSequenceNumberFailsTheWholeBatchBeforeAnyWork() throws Exception {
        DynamodbEvent event = EventLoader.loadDynamoDbEvent("events/dynamodb-stream-batch.json");
        event.getRecords().get(1).getDynamodb().setSequenceNumber(null);

        assertThatThrownBy(() -> handler(new OrderChangeRecordProcessor(orders::add)).handleRequest(event, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DynamoDB stream record 1 has no dynamodb.SequenceNumber");
        assertThat(seen).isEmpty();
    }

    @Test
    void anEmptyOrAbsentEventReportsNothing() {
        DynamoDbStreamConsumerHandler handler = handler(new OrderChangeRecordProcessor(orders::add));

        assertThat(reported(handler.handleRequest(null, null))).isEmpty();
        assertThat(reported(handler.handleRequest(new DynamodbEvent(), null))).isEmpty();
    }
}
