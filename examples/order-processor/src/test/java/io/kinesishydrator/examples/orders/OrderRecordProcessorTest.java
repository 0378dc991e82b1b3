package io.kinesishydrator.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.kinesishydrator.common.StructuredLogger;
import io.kinesishydrator.consumer.KinesisConsumerHandler;
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

/** The example processor behind the library's Kinesis handler, on the files in events/. */
class OrderRecordProcessorTest {
    private final List<Order> orders = new ArrayList<>();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final KinesisConsumerHandler handler = new KinesisConsumerHandler(
            StreamBatchProcessor.kinesis(new OrderRecordProcessor(orders::add))
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
    void aBatchOfValidOrdersIsProcessedWhole() throws IOException {
        assertThat(invoke("kinesis-batch.json")).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(orders).extracting(Order::orderId).containsExactly("o-1001", "o-1002", "o-1003");
    }

    @Test
    void aMalformedOrderInTheMiddleIsReportedAndTheRestWaits() throws IOException {
        assertThat(invoke("kinesis-batch-poison.json")).isEqualTo(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"49656816489405378913405238405437897829102939570541012532\"}]}");
        assertThat(orders).extracting(Order::orderId).containsExactly("o-1001");
        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("\"failure\":\"PERMANENT\"", "malformed order JSON");
    }
}
