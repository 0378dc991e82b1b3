package io.kinesishydrator.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kinesishydrator.consumer.example.Order;
import io.kinesishydrator.consumer.example.OrderRecordProcessor;
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

/** The stream handler on the files in events/: the response JSON the runtime would have written for the POJO handler. */
class KinesisConsumerStreamHandlerTest {
    private final List<Order> orders = new ArrayList<>();
    private final KinesisConsumerStreamHandler handler = new KinesisConsumerStreamHandler(new KinesisConsumerHandler(
            KinesisBatchProcessor.builder().recordProcessor(new OrderRecordProcessor(orders::add)).build(), Duration.ofSeconds(1)));

    private String invoke(String file) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream input = Files.newInputStream(Path.of("..", "events", file))) {
            handler.handleRequest(input, output, new LocalContext(Duration.ofSeconds(30)));
        }
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void leavesTheRuntimesStreamsOpen() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream output = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        try (InputStream input = Files.newInputStream(Path.of("..", "events", "kinesis-batch.json"))) {
            handler.handleRequest(input, output, new LocalContext(Duration.ofSeconds(30)));
        }

        assertThat(closed[0]).isFalse();
        assertThat(output.toString(StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":[]}");
    }

    @Test
    void answersNoFailureForAGoodBatch() throws IOException {
        assertThat(invoke("kinesis-batch.json")).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(orders).extracting(Order::orderId).containsExactly("o-1001", "o-1002", "o-1003");
    }

    @Test
    void reportsThePoisonRecordAndStopsThere() throws IOException {
        assertThat(invoke("kinesis-batch-poison.json")).isEqualTo(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"49656816489405378913405238405437897829102939570541012532\"}]}");
        assertThat(orders).extracting(Order::orderId).containsExactly("o-1001");
    }
}
