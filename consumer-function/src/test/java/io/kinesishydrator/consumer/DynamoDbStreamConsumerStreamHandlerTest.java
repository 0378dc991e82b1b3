package io.kinesishydrator.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kinesishydrator.consumer.example.Order;
import io.kinesishydrator.consumer.example.OrderChangeRecordProcessor;
import io.kinesishydrator.local.LocalContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DynamoDB stream handler template.yaml deploys, on the files in events/. */
class DynamoDbStreamConsumerStreamHandlerTest {
    private final List<Order> orders = new ArrayList<>();
    private final DynamoDbStreamConsumerStreamHandler handler = new DynamoDbStreamConsumerStreamHandler(
            new DynamoDbStreamConsumerHandler(DynamoDbBatchProcessor.builder()
                    .recordProcessor(new OrderChangeRecordProcessor(orders::add)).build(), Duration.ofSeconds(1)));

    private String invoke(String file) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream input = Files.newInputStream(Path.of("..", "events", file))) {
            handler.handleRequest(input, output, new LocalContext(Duration.ofSeconds(30)));
        }
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void answersNoFailureForAGoodBatch() throws IOException {
        assertThat(invoke("dynamodb-stream-batch.json")).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(orders).isNotEmpty();
    }

    @Test
    void reportsThePoisonRecordAndStopsThere() throws IOException {
        assertThat(invoke("dynamodb-stream-batch-poison.json"))
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"4421584900000000017450439095\"}]}");
        assertThat(orders).extracting(Order::orderId).containsExactly("o-1004");
    }
}
