package io.kinesishydrator.idempotency.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.EmbeddedMetrics;
import io.kinesishydrator.common.StructuredLogger;
import io.kinesishydrator.consumer.RecordProcessor;
import io.kinesishydrator.consumer.StreamBatchProcessor;
import io.kinesishydrator.consumer.TransientRecordException;
import io.kinesishydrator.consumer.idempotency.IdempotencyGuard;
import io.kinesishydrator.local.DynamoDbLocal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The consumers behind the idempotency guard on DynamoDB Local, under the redeliveries Lambda makes. */
class IdempotentConsumerIT {
    private static final Duration TTL = Duration.ofHours(24);
    private static final Duration LEASE = Duration.ofSeconds(60);

    private static DynamoDbLocal dynamoDb;
    private static int tables;

    private IdempotencyTable table;
    private final MutableClock clock = new MutableClock(Instant.parse("2025-11-26T21:00:00Z"));
    private final List<String> processed = new ArrayList<>();
    private final ByteArrayOutputStream metrics = new ByteArrayOutputStream();

    @BeforeAll
    static void startDynamoDbLocal() {
        dynamoDb = DynamoDbLocal.start();
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        dynamoDb.close();
    }

    @BeforeEach
    void newTable() {
        table = IdempotencyTable.create(dynamoDb, "processed-records-" + (++tables));
    }

    private StreamBatchProcessor<KinesisEventRecord> kinesisConsumer(RecordProcessor processor) {
        return StreamBatchProcessor.kinesis(record -> {
                    processor.process(record);
                    processed.add(record.getKinesis().getSequenceNumber());
                })
                .maxAttempts(2)
                .sleeper(wait -> { })
                .logger(new StructuredLogger(new PrintStream(OutputStream.nullOutputStream()), "test"))
                .metrics(new EmbeddedMetrics(new PrintStream(metrics, true, StandardCharsets.UTF_8), "KinesisHydrator", () -> 1L), "consumer")
                .idempotency(new IdempotencyGuard(table.store(), TTL, LEASE, clock))
                .build();
    }

    private static KinesisEvent kinesisEvent() {
        return EventLoader.loadKinesisEvent("events/kinesis-batch.json");
    }

    private static List<String> sequenceNumbers(KinesisEvent event) {
        return event.getRecords().stream().map(record -> record.getKinesis().getSequenceNumber()).toList();
    }

    private static List<String> reported(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(BatchItemFailure::getItemIdentifier).toList();
    }

    /** The metric line of the last batch. */
    private Map<String, Object> lastMetrics() throws IOException {
        List<String> lines = metrics.toString(StandardCharsets.UTF_8).lines().toList();
        return JSON.std.mapFrom(lines.get(lines.size() - 1));
    }

    @Test
    void aBatchDeliveredTwiceIsProcessedOnceAndTheSecondDeliveryIsCountedAsDuplicates() throws Exception {
        StreamBatchProcessor<KinesisEventRecord> consumer = kinesisConsumer(record -> { });
        KinesisEvent event = kinesisEvent();

        assertThat(reported(consumer.process(event.getRecords(), Deadline.none()))).isEmpty();
        assertThat(lastMetrics()).containsEntry("RecordsProcessed", 3).containsEntry("RecordsSkippedDuplicate", 0);
        assertThat(reported(consumer.process(kinesisEvent().getRecords(), Deadline.none()))).isEmpty();

        assertThat(processed).containsExactlyElementsOf(sequenceNumbers(event));
        assertThat(lastMetrics()).containsEntry("RecordsProcessed", 0).containsEntry("RecordsSkippedDuplicate", 3)
                .containsEntry("RecordsFailed", 0);
        KinesisEventRecord first = event.getRecords().get(0);
        assertThat(table.item(first.getEventSourceARN() + "/shardId-000000000000/" + first.getKinesis().getSequenceNumber())
                .get("status").s()).isEqualTo("COMPLETED");
    }

    @Test
    void afterAFailureMidBatchTheRedeliverySkipsWhatWasDoneAndProcessesTheRest() throws Exception {
        boolean[] downstreamDown = {true};
        KinesisEvent event = kinesisEvent();
        String second = sequenceNumbers(event).get(1);
        StreamBatchProcessor<KinesisEventRecord> consumer = kinesisConsumer(record -> {
            if (downstreamDown[0] && record.getKinesis().getSequenceNumber().equals(second)) {
                throw new TransientRecordException("downstream down");
            }
        });

        assertThat(reported(consumer.process(event.getRecords(), Deadline.none()))).containsExactly(second);
        downstreamDown[0] = false;
        // A whole-batch redelivery, as after a function error: the first record comes again.
        assertThat(reported(consumer.process(kinesisEvent().getRecords(), Deadline.none()))).isEmpty();

        assertThat(processed).containsExactlyElementsOf(sequenceNumbers(event));
        assertThat(lastMetrics()).containsEntry("RecordsProcessed", 2).containsEntry("RecordsSkippedDuplicate", 1);
        assertThat(table.itemCount()).isEqualTo(3);
    }

    @Test
    void aRecordLeftInProgressByAFunctionThatDiedWaitsForTheLeaseThenIsTakenOver() throws Exception {
        KinesisEvent event = kinesisEvent();
        KinesisEventRecord first = event.getRecords().get(0);
        String key = first.getEventSourceARN() + "/shardId-000000000000/" + first.getKinesis().getSequenceNumber();
        // The claim of an invocation that died before completing or releasing it.
        new IdempotencyGuard(table.store(), TTL, LEASE, clock).claim(key);
        StreamBatchProcessor<KinesisEventRecord> consumer = kinesisConsumer(record -> { });

        assertThat(reported(consumer.process(event.getRecords(), Deadline.none())))
                .containsExactly(first.getKinesis().getSequenceNumber());
        assertThat(processed).isEmpty();
        assertThat(lastMetrics()).containsEntry("RecordsFailed", 1).containsEntry("TransientRetries", 1);

        clock.advance(LEASE.plusSeconds(1));
        assertThat(reported(consumer.process(kinesisEvent().getRecords(), Deadline.none()))).isEmpty();
        assertThat(processed).containsExactlyElementsOf(sequenceNumbers(event));
    }

    @Test
    void aBusinessKeyCatchesTheSameOrderSentTwiceUnderNewSequenceNumbers() throws Exception {
        StreamBatchProcessor<KinesisEventRecord> consumer = StreamBatchProcessor.kinesis(record -> processed.add(record.getKinesis().getPartitionKey()))
                .metrics(new EmbeddedMetrics(new PrintStream(metrics, true, StandardCharsets.UTF_8), "KinesisHydrator", () -> 1L), "consumer")
                .idempotency(new IdempotencyGuard(table.store(), TTL, LEASE, clock),
                        record -> "orders/" + record.getKinesis().getPartitionKey())
                .build();

        consumer.process(kinesisEvent().getRecords(), Deadline.none());

        // The example batch holds two records of customer c-42: the second is a duplicate under this key.
        assertThat(processed).containsExactly("c-42", "c-17");
        assertThat(lastMetrics()).containsEntry("RecordsSkippedDuplicate", 1);
    }

    @Test
    void aCompletionThatCannotBeRecordedLeavesTheRecordProcessedAndSaysSo() throws Exception {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        String tableName = "processed-records-" + tables;
        // The table disappears while the record is processed, so its completion cannot be written.
        StreamBatchProcessor<KinesisEventRecord> consumer = StreamBatchProcessor.kinesis(record -> {
                    dynamoDb.dynamoDb().deleteTable(request -> request.tableName(tableName));
                    processed.add(record.getKinesis().getSequenceNumber());
                })
                .logger(new StructuredLogger(new PrintStream(logs, true, StandardCharsets.UTF_8), "test"))
                .metrics(new EmbeddedMetrics(new PrintStream(metrics, true, StandardCharsets.UTF_8), "KinesisHydrator", () -> 1L), "consumer")
                .idempotency(new IdempotencyGuard(table.store(), TTL, LEASE, clock))
                .build();
        KinesisEvent event = kinesisEvent();

        StreamsEventResponse response = consumer.process(event.getRecords().subList(0, 1), Deadline.none());

        assertThat(reported(response)).isEmpty();
        assertThat(processed).containsExactly(sequenceNumbers(event).get(0));
        assertThat(lastMetrics()).containsEntry("RecordsProcessed", 1).containsEntry("RecordsFailed", 0);
        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("\"level\":\"WARN\"",
                "record processed but its completion not recorded", "\"idempotencyKey\":\"" + event.getRecords().get(0).getEventSourceARN());
    }

    @Test
    void aDynamoDbStreamBatchDeliveredTwiceIsProcessedOnce() throws Exception {
        List<String> changes = new ArrayList<>();
        StreamBatchProcessor<DynamodbStreamRecord> consumer = StreamBatchProcessor.dynamoDb(record -> changes.add(record.getEventID()))
                .metrics(new EmbeddedMetrics(new PrintStream(metrics, true, StandardCharsets.UTF_8), "KinesisHydrator", () -> 1L), "consumer")
                .idempotency(new IdempotencyGuard(table.store(), TTL, LEASE, clock))
                .build();
        DynamodbEvent event = EventLoader.loadDynamoDbEvent("events/dynamodb-stream-batch.json");

        consumer.process(event.getRecords(), Deadline.none());
        consumer.process(EventLoader.loadDynamoDbEvent("events/dynamodb-stream-batch.json").getRecords(), Deadline.none());

        assertThat(changes).hasSize(3).doesNotHaveDuplicates();
        assertThat(lastMetrics()).containsEntry("StreamName", "orders").containsEntry("RecordsSkippedDuplicate", 3);
        DynamodbEvent.DynamodbStreamRecord first = event.getRecords().get(0);
        assertThat(table.item(first.getEventSourceARN() + "/" + first.getEventID() + "/" + first.getDynamodb().getSequenceNumber()))
                .containsKey("expiresAt");
    }
}
