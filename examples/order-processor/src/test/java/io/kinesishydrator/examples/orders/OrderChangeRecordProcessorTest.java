package io.kinesishydrator.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kinesishydrator.common.StructuredLogger;
import io.kinesishydrator.consumer.DynamoDbStreamConsumerHandler;
import io.kinesishydrator.consumer.StreamBatchProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example processor behind the library's DynamoDB stream handler, on the files in events/. */
class OrderChangeRecordProcessorTest {
    private final List<Order> orders = new ArrayList<>();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final DynamoDbStreamConsumerHandler handler = new DynamoDbStreamConsumerHandler(
            StreamBatchProcessor.dynamoDb(new OrderChangeRecordProcessor(orders::add))
                    .logger(new StructuredLogger(new PrintStream(logs, true, StandardCharsets.UTF_8), "test"))
                    .build(), Duration.ofSeconds(1));

    private String invoke(String file) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream input = getClass().getClassLoader().getResourceAsStream("events/" + file)) {
            handler.handleRequest(input, output, null);
        }
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void insertsAndModificationsAreHandedOnAndARemovalHasNothingToHandOn() throws IOException {
        assertThat(invoke("dynamodb-stream-batch.json")).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(orders).extracting(Order::orderId, Order::quantity)
                .containsExactly(tuple("o-1001", 2), tuple("o-1002", 3));
    }

    @Test
    void anInvalidOrderInTheMiddleIsReportedAndTheRestWaits() throws IOException {
        assertThat(invoke("dynamodb-stream-batch-poison.json"))
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"4421584900000000017450439095\"}]}");
        assertThat(orders).extracting(Order::orderId).containsExactly("o-1004");
        assertThat(logs.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .contains("\"failure\":\"PERMANENT\"", "quantity must be a whole number", "\"recordsNotProcessed\":2");
    }
}
