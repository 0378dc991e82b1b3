package io.kinesishydrator.it;

import static io.kinesishydrator.testsupport.DeadLetters.hydration;
import static io.kinesishydrator.testsupport.DeadLetters.records;
import static org.assertj.core.api.Assertions.assertThat;

import io.kinesishydrator.hydrate.HydrateHandler;
import io.kinesishydrator.hydrate.HydrateSummary;
import io.kinesishydrator.hydrate.HydratorFactory;
import io.kinesishydrator.local.DynamoDbLocal;
import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.OnFailureRecords;
import io.kinesishydrator.testsupport.TestQueue;
import io.kinesishydrator.testsupport.TestStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The hydrate handler on DynamoDB stream notifications, against DynamoDB Local (embedded, with its streams) and
 * ElasticMQ: what lands in the DLQ is exactly the failed range, with keys and images in both forms.
 */
@ExtendWith(LocalAws.Extension.class)
class DynamoDbStreamHydrateIT {
    private final LocalAws aws;
    private DynamoDbLocal dynamoDb;
    private TestQueue dlq;
    private String table;
    private String streamArn;

    DynamoDbStreamHydrateIT(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void freshTableAndQueue() {
        // One engine per test: moving its clock forward ages every table in it.
        dynamoDb = DynamoDbLocal.start();
        table = "orders-" + UUID.randomUUID();
        streamArn = dynamoDb.createTableWithStream(table, "id");
        dlq = aws.newQueue();
    }

    @AfterEach
    void stopDynamoDb() {
        dynamoDb.close();
    }

    private HydrateHandler handler(DynamoDbStreamsClient streams) {
        return new HydrateHandler(HydratorFactory.create(region -> aws.kinesisMock().client(region), region -> streams,
                aws.sqs(), dlq.url(), 1024 * 1024), Duration.ofSeconds(5));
    }

    /** Inserts {@code count} orders, modifies every third and removes every fifth: INSERT, MODIFY and REMOVE records. */
    private void writeOrders(int count) {
        for (int i = 0; i < count; i++) {
            put(i, "NEW", 10 + i);
        }
        for (int i = 0; i < count; i += 3) {
            put(i, "PAID", 10 + i);
        }
        for (int i = 0; i < count; i += 5) {
            int order = i;
            dynamoDb.dynamoDb().deleteItem(request -> request.tableName(table).key(Map.of("id", AttributeValue.fromS("order-" + order))));
        }
    }

    private void put(int order, String status, int amount) {
        dynamoDb.dynamoDb().putItem(request -> request.tableName(table).item(Map.of(
                "id", AttributeValue.fromS("order-" + order),
                "status", AttributeValue.fromS(status),
                "amount", AttributeValue.fromN(amount + ".50"),
                "tags", AttributeValue.fromSs(List.of("web", status)))));
    }

    private String shardId() {
        return dynamoDb.streams().describeStream(request -> request.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
    }

    /** Every record of the shard, read the plain way, to compare the hydrated range with. */
    private List<Record> shardRecords(String shardId) {
        String iterator = dynamoDb.streams().getShardIterator(request -> request.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> records = new ArrayList<>();
        while (true) {
            String current = iterator;
            GetRecordsResponse page = dynamoDb.streams().getRecords(request -> request.shardIterator(current));
            if (page.records().isEmpty()) {
                return records;
            }
            records.addAll(page.records());
            iterator = page.nextShardIterator();
        }
    }

    private HydrateSummary hydrate(DynamoDbStreamsClient streams, String shardId, List<Record> range) {
        return handler(streams).handleRequest(OnFailureRecords.snsEvent(notification(shardId, range)), null);
    }

    private String notification(String shardId, List<Record> range) {
        return OnFailureRecords.dynamoDbStream().streamArn(streamArn).shardId(shardId)
                .startSequenceNumber(range.get(0).dynamodb().sequenceNumber())
                .endSequenceNumber(range.get(range.size() - 1).dynamodb().sequenceNumber())
                .batchSize(range.size()).json();
    }

    private static void assertHydrated(List<Message> messages, List<Record> expected) {
        List<Map<String, Object>> records = records(messages);
        assertThat(records).extracting(record -> record.get("sequenceNumber"))
                .containsExactlyElementsOf(expected.stream().map(record -> record.dynamodb().sequenceNumber()).toList());
        for (int i = 0; i < expected.size(); i++) {
            Record record = expected.get(i);
            Map<String, Object> hydrated = records.get(i);
            assertThat(hydrated).as("record %d", i)
                    .containsEntry("eventName", record.eventNameAsString())
                    .containsEntry("eventID", record.eventID())
                    .containsEntry("keys", Map.of("id", record.dynamodb().keys().get("id").s()));
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) hydrated.get("dynamodb");
            assertThat(typed).containsEntry("Keys", Map.of("id", Map.of("S", record.dynamodb().keys().get("id").s())));
            assertThat(typed.containsKey("NewImage")).isEqualTo(!record.dynamodb().newImage().isEmpty());
            assertThat(typed.containsKey("OldImage")).isEqualTo(!record.dynamodb().oldImage().isEmpty());
            if (!record.dynamodb().newImage().isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> plain = (Map<String, Object>) hydrated.get("newImage");
                assertThat(plain).containsEntry("status", record.dynamodb().newImage().get("status").s());
                assertThat(plain.get("amount").toString()).isEqualTo(record.dynamodb().newImage().get("amount").n());
            }
        }
    }

    @Test
    void hydratesARangeFromTheMiddleOfATableStreamWithItsKeysAndImages() {
        writeOrders(30);
        String shardId = shardId();
        List<Record> all = shardRecords(shardId);
        List<Record> range = all.subList(8, 44);

        HydrateSummary summary = hydrate(dynamoDb.streams(), shardId, range);

        assertThat(summary.getStatuses()).containsExactly("COMPLETE");
        assertThat(summary.getRecordsHydrated()).isEqualTo(range.size());
        List<Message> messages = dlq.drain();
        assertHydrated(messages, range);
        assertThat(records(messages)).extracting(record -> record.get("eventName")).contains("INSERT", "MODIFY", "REMOVE");
    }

    @Test
    void readsARangeOfMorePagesThanOne() {
        writeOrders(1_200);
        String shardId = shardId();
        List<Record> all = shardRecords(shardId);
        List<Record> range = all.subList(100, 1_500);

        HydrateSummary summary = hydrate(dynamoDb.streams(), shardId, range);

        assertThat(summary.getStatuses()).containsExactly("COMPLETE");
        assertHydrated(dlq.drain(), range);
    }

    @Test
    void reportsARangePastTheStreamsRetentionAsMissingAndStillSendsTheNotification() {
        writeOrders(10);
        String shardId = shardId();
        List<Record> range = shardRecords(shardId).subList(2, 8);
        dynamoDb.advanceClock(Duration.ofHours(25));

        HydrateSummary summary = hydrate(dynamoDb.streams(), shardId, range);

        assertThat(summary.getStatuses()).containsExactly("INCOMPLETE");
        List<Message> messages = dlq.drain();
        assertThat(messages).hasSize(1);
        assertThat(records(messages)).isEmpty();
        Map<String, Object> hydration = hydration(messages.get(0));
        assertThat(hydration).containsEntry("status", "INCOMPLETE").containsEntry("recordsRead", 0);
        assertThat((String) hydration.get("reason")).contains("past its retention period");
        assertThat(hydration.get("missing")).isEqualTo(List.of(Map.of("from", range.get(0).dynamodb().sequenceNumber(),
                "through", range.get(range.size() - 1).dynamodb().sequenceNumber(),
                "reason", "no longer in the stream: past its retention period (TrimmedDataAccessException)")));
        assertThat(messages.get(0).messageAttributes().get("hydrationStatus").stringValue()).isEqualTo("INCOMPLETE");
    }

    @Test
    void hydratesWhatIsLeftOfARangeWhoseHeadRetentionTrimmed() {
        for (int i = 0; i < 12; i++) {
            put(i, "NEW", i);
            if (i == 5) {
                dynamoDb.advanceClock(Duration.ofHours(2));
            }
        }
        String shardId = shardId();
        List<Record> all = shardRecords(shardId);
        List<Record> range = all.subList(2, 9);
        // The first writes are now 25 hours old, the later ones 23: the range's head is gone, its tail is not.
        dynamoDb.advanceClock(Duration.ofHours(23));

        HydrateSummary summary = hydrate(dynamoDb.streams(), shardId, range);

        List<Record> left = all.subList(6, 9);
        assertThat(summary.getStatuses()).containsExactly("INCOMPLETE");
        List<Message> messages = dlq.drain();
        assertHydrated(messages, left);
        Map<String, Object> hydration = hydration(messages.get(0));
        assertThat(hydration.get("missing")).isEqualTo(List.of(Map.of("from", range.get(0).dynamodb().sequenceNumber(),
                "before", left.get(0).dynamodb().sequenceNumber(), "reason", "no longer in the stream: past its retention period")));
        assertThat(hydration.get("notes").toString()).contains("TrimmedDataAccessException");
    }

    @Test
    void reacquiresAnIteratorThatExpiredBetweenPages() {
        writeOrders(1_200);
        String shardId = shardId();
        List<Record> range = shardRecords(shardId).subList(0, 1_400);
        // After the first page the engine's clock moves past the 15 minutes a shard iterator lives.
        HookedStreamsClient expiring = new HookedStreamsClient(dynamoDb.streams(), call -> { }, page -> {
            if (page == 1) {
                dynamoDb.advanceClock(Duration.ofMinutes(16));
            }
        });

        HydrateSummary summary = hydrate(expiring, shardId, range);

        // Page one, the call refused with ExpiredIteratorException, page two from a new iterator.
        assertThat(expiring.calls()).isEqualTo(3);
        assertThat(summary.getStatuses()).containsExactly("COMPLETE");
        assertHydrated(dlq.drain(), range);
    }

    @Test
    void retriesThrottledReads() {
        writeOrders(20);
        String shardId = shardId();
        List<Record> range = shardRecords(shardId).subList(3, 17);
        HookedStreamsClient throttled = new HookedStreamsClient(dynamoDb.streams(), call -> {
            if (call <= 3) {
                throw LimitExceededException.builder().message("Rate exceeded for shard " + shardId)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("LimitExceededException").serviceName("DynamoDB Streams").build())
                        .statusCode(400).build();
            }
        }, page -> { });

        HydrateSummary summary = hydrate(throttled, shardId, range);

        assertThat(throttled.calls()).isEqualTo(4);
        assertThat(summary.getStatuses()).containsExactly("COMPLETE");
        assertHydrated(dlq.drain(), range);
    }

    @Test
    void reportsAStreamThatDoesNotExistAndStillSendsTheNotification() {
        writeOrders(3);
        String shardId = shardId();
        List<Record> range = shardRecords(shardId);
        streamArn = streamArn.replace(table, "no-such-table");

        HydrateSummary summary = hydrate(dynamoDb.streams(), shardId, range);

        assertThat(summary.getStatuses()).containsExactly("INCOMPLETE");
        Map<String, Object> hydration = hydration(dlq.drain().get(0));
        assertThat((String) hydration.get("reason")).startsWith("reading the shard failed: ResourceNotFoundException");
    }

    @Test
    void hydratesAKinesisAndADynamoDbNotificationOfOneEvent() {
        writeOrders(6);
        String shardId = shardId();
        List<Record> range = shardRecords(shardId).subList(1, 5);
        TestStream stream = aws.newStream(1);
        List<TestStream.Written> written = stream.write(0, List.of("a".getBytes(), "b".getBytes(), "c".getBytes()));
        String ddbNotification = notification(shardId, range);
        String kinesisNotification = OnFailureRecords.kinesis().streamArn(stream.arn()).covering(written).json();

        HydrateSummary summary = handler(dynamoDb.streams())
                .handleRequest(OnFailureRecords.snsEvent(kinesisNotification, ddbNotification), null);

        assertThat(summary.getStatuses()).containsExactly("COMPLETE", "COMPLETE");
        assertThat(summary.getRecordsHydrated()).isEqualTo(written.size() + range.size());
    }

    /**
     * The engine's own client with hooks around GetRecords, numbered from 1: how a test throttles a call or moves
     * the engine's clock between pages.
     */
    private static final class HookedStreamsClient implements DynamoDbStreamsClient {
        private final DynamoDbStreamsClient engine;
        private final IntConsumer beforeCall;
        private final IntConsumer afterPage;
        private int calls;
        private int pages;

        HookedStreamsClient(DynamoDbStreamsClient engine, IntConsumer beforeCall, IntConsumer afterPage) {
            this.engine = engine;
            this.beforeCall = beforeCall;
            this.afterPage = afterPage;
        }

        int calls() {
            return calls;
        }

        @Override
        public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
            return engine.getShardIterator(request);
        }

        @Override
        public GetRecordsResponse getRecords(GetRecordsRequest request) {
            beforeCall.accept(++calls);
            GetRecordsResponse page = engine.getRecords(request);
            afterPage.accept(++pages);
            return page;
        }

        @Override
        public String serviceName() {
            return engine.serviceName();
        }

        @Override
        public void close() {
        }
    }
}
