package io.kinesishydrator.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.common.Backoff;
import io.kinesishydrator.common.EmbeddedMetrics;
import io.kinesishydrator.common.MalformedEventException;
import io.kinesishydrator.common.StructuredLogger;
import io.kinesishydrator.local.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DynamoDB stream handler template.yaml deploys, on the files in events/. */
class DynamoDbStreamConsumerHandlerTest {
    private static final String POISON_EVENT_ID = "1679091c5a880faf6fb5e6087eb1b2dc";
    private static final String POISON_SEQUENCE_NUMBER = "4421584900000000017450439095";

    private final List<OrderLine> orders = new ArrayList<>();
    private final List<String> seen = new ArrayList<>();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final ByteArrayOutputStream metrics = new ByteArrayOutputStream();
    private final LocalContext context = new LocalContext(Duration.ofSeconds(30));

    /** What a processor of an orders table takes from an item's new image. */
    private record OrderLine(String orderId, int quantity) {
    }

    /** Hands on inserted and modified orders; a removal has nothing to hand on, a quantity that is no number fails. */
    private final DynamoDbRecordProcessor orderLines = record -> {
        if ("REMOVE".equals(record.getEventName())) {
            return;
        }
        Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
        String quantity = image.get("quantity").getN();
        if (!quantity.matches("[0-9]+")) {
            throw new PermanentRecordException("invalid order: quantity must be a whole number");
        }
        orders.add(new OrderLine(image.get("orderId").getS(), Integer.parseInt(quantity)));
    };

    private DynamoDbStreamConsumerHandler handler(DynamoDbRecordProcessor processor) {
        return new DynamoDbStreamConsumerHandler(StreamBatchProcessor.dynamoDb(record -> {
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

    private static String event(String file) throws IOException {
        return Files.readString(Path.of("..", "events", file));
    }

    private String invoke(DynamoDbStreamConsumerHandler handler, String json) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), output, context);
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void insertsAndModificationsAreProcessedAndARemovalHasNothingToHandOn() throws Exception {
        String response = invoke(handler(orderLines), event("dynamodb-stream-batch.json"));

        assertThat(response).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(orders).extracting(OrderLine::orderId, OrderLine::quantity)
                .containsExactly(tuple("o-1001", 2), tuple("o-1002", 3));
        assertThat(seen).hasSize(3);
        Map<String, Object> line = JSON.std.mapFrom(metrics.toString(StandardCharsets.UTF_8).strip());
        assertThat(line).containsEntry("FunctionName", "ddb-consumer").containsEntry("StreamName", "orders")
                .containsEntry("RecordsProcessed", 3).containsEntry("RecordsFailed", 0)
                .doesNotContainKey("RecordsSkippedDuplicate");
    }

    @Test
    void aPoisonRecordInTheMiddleIsTheOnlyOneReportedAndTheRestWaits() throws Exception {
        String response = invoke(handler(orderLines), event("dynamodb-stream-batch-poison.json"));

        assertThat(POISON_SEQUENCE_NUMBER).hasSizeGreaterThanOrEqualTo(21);
        assertThat(response).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + POISON_SEQUENCE_NUMBER + "\"}]}");
        assertThat(orders).extracting(OrderLine::orderId).containsExactly("o-1004");
        assertThat(seen).containsExactly("e4da3b7fbbce2345d7772b0674a318d5", POISON_EVENT_ID);
        assertThat(logs.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .contains("\"requestId\":\"" + context.getAwsRequestId() + "\"", "\"eventId\":\"" + POISON_EVENT_ID + "\"",
                        "\"eventName\":\"INSERT\"", "\"sequenceNumber\":\"" + POISON_SEQUENCE_NUMBER + "\"",
                        "\"eventSourceArn\":\"arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2025-11-26T21:03:11.502\"",
                        "\"failure\":\"PERMANENT\"", "quantity must be a whole number", "\"recordsNotProcessed\":2");
    }

    @Test
    void aTransientFailureIsRetriedInProcess() throws Exception {
        int[] calls = {0};

        String response = invoke(handler(record -> {
            if (record.getEventName().equals("MODIFY") && ++calls[0] < 3) {
                throw new TransientRecordException("downstream busy");
            }
            orderLines.process(record);
        }), event("dynamodb-stream-batch.json"));

        assertThat(response).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(calls[0]).isEqualTo(3);
        assertThat(orders).extracting(OrderLine::orderId).containsExactly("o-1001", "o-1002");
        assertThat(JSON.std.mapFrom(metrics.toString(StandardCharsets.UTF_8).strip())).containsEntry("TransientRetries", 2);
    }

    @Test
    void aRecordWithoutSequenceNumberFailsTheWholeBatchBeforeAnyWork() throws Exception {
        String event = event("dynamodb-stream-batch.json")
                .replace("\"SequenceNumber\": \"4421584600000000017450439092\",", "");

        assertThatThrownBy(() -> invoke(handler(orderLines), event))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DynamoDB stream record 1 has no dynamodb.SequenceNumber");
        assertThat(seen).isEmpty();
    }

    @Test
    void anEmptyOrAbsentEventReportsNothing() throws IOException {
        DynamoDbStreamConsumerHandler handler = handler(orderLines);

        assertThat(invoke(handler, "")).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(invoke(handler, "null")).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(invoke(handler, "{}")).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(seen).isEmpty();
    }

    @Test
    void aRecordFieldOfTheWrongTypeFailsTheInvocationBeforeAnyWork() throws Exception {
        String event = event("dynamodb-stream-batch.json")
                .replace("\"SequenceNumber\": \"4421584600000000017450439092\"", "\"SequenceNumber\": [\"4421584600000000017450439092\"]");

        assertThatThrownBy(() -> invoke(handler(orderLines), event))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("record 1 of a DynamoDB stream event")
                .hasMessageContaining("dynamodb.SequenceNumber");
        assertThat(seen).isEmpty();
    }
}
