package io.kinesishydrator.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.common.MalformedEventException;
import io.kinesishydrator.local.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The handler template.yaml deploys, on the files in events/: the response JSON the runtime would have written. */
class KinesisConsumerHandlerTest {
    private final List<Object> orderIds = new ArrayList<>();
    /** A processor that reads each record as a JSON object; a record that is not one fails. */
    private final KinesisConsumerHandler handler = new KinesisConsumerHandler(StreamBatchProcessor.kinesis(record -> {
        byte[] data = new byte[record.getKinesis().getData().remaining()];
        record.getKinesis().getData().duplicate().get(data);
        orderIds.add(JSON.std.mapFrom(data).get("orderId"));
    }).build(), Duration.ofSeconds(1));

    private String invoke(InputStream input) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(input, output, new LocalContext(Duration.ofSeconds(30)));
        return output.toString(StandardCharsets.UTF_8);
    }

    private String invoke(String file) throws IOException {
        try (InputStream input = Files.newInputStream(Path.of("..", "events", file))) {
            return invoke(input);
        }
    }

    private String invokeWith(String json) throws IOException {
        return invoke(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
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
        assertThat(orderIds).containsExactly("o-1001", "o-1002", "o-1003");
    }

    @Test
    void reportsThePoisonRecordAndStopsThere() throws IOException {
        assertThat(invoke("kinesis-batch-poison.json")).isEqualTo(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"49656816489405378913405238405437897829102939570541012532\"}]}");
        assertThat(orderIds).containsExactly("o-1001");
    }

    @Test
    void anEmptyOrAbsentEventReportsNothing() throws IOException {
        assertThat(invokeWith("")).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(invokeWith("null")).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(invokeWith("{}")).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(invokeWith("{\"Records\":[]}")).isEqualTo("{\"batchItemFailures\":[]}");
    }

    @Test
    void aMalformedEventFailsTheInvocationBeforeAnyWork() throws IOException {
        String batch = Files.readString(Path.of("..", "events", "kinesis-batch.json"));
        String truncated = batch.substring(0, batch.lastIndexOf("\"kinesis\""));

        assertThatThrownBy(() -> invokeWith(truncated)).isInstanceOf(IOException.class);
        assertThat(orderIds).isEmpty();
    }

    @Test
    void aRecordWithoutSequenceNumberFailsTheWholeBatchBeforeAnyWork() throws IOException {
        String batch = Files.readString(Path.of("..", "events", "kinesis-batch.json"))
                .replace("\"sequenceNumber\": \"49656816489405378913405238405437897829102939570541012532\",", "");

        assertThatThrownBy(() -> invokeWith(batch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Kinesis event record 1 has no kinesis.sequenceNumber");
        assertThat(orderIds).isEmpty();
    }

    /**
     * The five records of kinesis-batch.json and two more like them, with {@code value} in place of
     * {@code field} of record 3's {@code kinesis}: a structure Lambda never writes.
     */
    @SuppressWarnings("unchecked")
    private static String fiveRecordsWithRecord3(String field, Object value) throws IOException {
        Map<String, Object> event = JSON.std.mapFrom(Files.readString(Path.of("..", "events", "kinesis-batch.json")));
        List<Object> records = (List<Object>) event.get("Records");
        for (int extra = 0; extra < 2; extra++) {
            Map<String, Object> copy = JSON.std.mapFrom(JSON.std.asString(records.get(extra)));
            String sequenceNumber = KinesisRecords.sequenceNumber(10 + extra);
            ((Map<String, Object>) copy.get("kinesis")).put("sequenceNumber", sequenceNumber);
            copy.put("eventID", KinesisRecords.SHARD + ":" + sequenceNumber);
            records.add(copy);
        }
        ((Map<String, Object>) ((Map<String, Object>) records.get(3)).get("kinesis")).put(field, value);
        return JSON.std.asString(event);
    }

    @ParameterizedTest
    @CsvSource({"partitionKey, '[\"c-42\", \"c-17\"]'", "encryptionType, '[\"KMS\"]'", "sequenceNumber, '{\"n\": 1}'"})
    void aRecordFieldOfTheWrongTypeFailsTheInvocationInsteadOfAnsweringForRecordsNeverRead(String field, String json)
            throws IOException {
        String hostile = fiveRecordsWithRecord3(field, JSON.std.anyFrom(json));

        assertThatThrownBy(() -> invokeWith(hostile))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("record 3 of a Kinesis event")
                .hasMessageContaining("kinesis." + field);
        assertThat(orderIds).isEmpty();
    }

    @Test
    void theSameBatchWithEveryFieldInPlaceIsProcessedWhole() throws IOException {
        String batch = fiveRecordsWithRecord3("partitionKey", "c-42");

        assertThat(invokeWith(batch)).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(orderIds).containsExactly("o-1001", "o-1002", "o-1003", "o-1001", "o-1002");
    }
}
