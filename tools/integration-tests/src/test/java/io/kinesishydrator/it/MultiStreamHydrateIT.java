package io.kinesishydrator.it;

import static io.kinesishydrator.testsupport.DeadLetters.body;
import static io.kinesishydrator.testsupport.DeadLetters.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.hydrate.HydrateHandler;
import io.kinesishydrator.hydrate.HydrateStreamHandler;
import io.kinesishydrator.hydrate.HydratorFactory;
import io.kinesishydrator.local.DynamoDbLocal;
import io.kinesishydrator.testsupport.DeadLetters;
import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.OnFailureRecords;
import io.kinesishydrator.testsupport.TestQueue;
import io.kinesishydrator.testsupport.TestStream;
import io.kinesishydrator.testsupport.TestStream.Written;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Two Kinesis streams on kinesis-mock and a DynamoDB stream on DynamoDB Local failing into one hydrator, one
 * handler and one dead-letter queue, through each intake: every range lands whole, in a message of its own that
 * names its own stream. Both Kinesis streams have one shard, so both ranges are on the same shard id: a batch key
 * that left the stream out would give them one key.
 */
@ExtendWith(LocalAws.Extension.class)
class MultiStreamHydrateIT {
    private static final String SHARD_ZERO = "shardId-000000000000";

    private final LocalAws aws;
    private DynamoDbLocal dynamoDb;
    private S3Client s3;
    private TestQueue dlq;
    private HydrateStreamHandler handler;
    private TestStream payments;
    private TestStream shipments;
    private List<Written> paymentsRange;
    private List<Written> shipmentsRange;
    private OrderChanges orders;

    MultiStreamHydrateIT(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void threeStreamsOneHydrator() {
        payments = aws.newStream(1);
        shipments = aws.newStream(1);
        paymentsRange = payments.write(0, texts("payment-", 6)).subList(1, 5);
        shipmentsRange = shipments.write(0, texts("shipment-", 5)).subList(2, 5);
        dynamoDb = DynamoDbLocal.start();
        orders = OrderChanges.put(dynamoDb.dynamoDb(), dynamoDb.streams(), 5);
        s3 = aws.s3Mock().client();
        dlq = aws.newQueue();
        handler = new HydrateStreamHandler(new HydrateHandler(HydratorFactory.create(region -> aws.kinesisMock().client(region),
                region -> dynamoDb.streams(), () -> s3, aws.sqs(), dlq.url(), 1024 * 1024), Duration.ofSeconds(5)));
    }

    @AfterEach
    void stopDynamoDb() {
        dynamoDb.close();
        s3.close();
    }

    static List<byte[]> texts(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> (prefix + i).getBytes(StandardCharsets.UTF_8)).toList();
    }

    private String paymentsRecord() {
        return OnFailureRecords.kinesis().streamArn(payments.arn()).covering(paymentsRange).json();
    }

    private String shipmentsRecord() {
        return OnFailureRecords.kinesis().streamArn(shipments.arn()).covering(shipmentsRange).json();
    }

    private Map<String, Object> invoke(String event) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), response, null);
        return JSON.std.mapFrom(response.toByteArray());
    }

    @Test
    void theSqsIntakeHydratesOneEventOfThreeStreamsEachIntoItsOwnMessage() throws IOException {
        assertThat(List.of(paymentsRange.get(0).shardId(), shipmentsRange.get(0).shardId())).containsOnly(SHARD_ZERO);

        Map<String, Object> response = invoke(SqsIntakeIT.sqsEvent(paymentsRecord(), orders.onFailureRecord(1, 4), shipmentsRecord()));

        assertThat(response).isEqualTo(Map.of("batchItemFailures", List.of()));
        assertEachRangeLandedWhole(dlq.drain());
    }

    @Test
    void theSnsIntakeHydratesOneEventOfThreeStreamsEachIntoItsOwnMessage() throws IOException {
        Map<String, Object> summary = invoke(LambdaRuntimeIT.snsEvent(shipmentsRecord(), paymentsRecord(), orders.onFailureRecord(1, 4)));

        assertThat(summary).containsEntry("recordsHydrated", 10).containsEntry("statuses", List.of("COMPLETE", "COMPLETE", "COMPLETE"));
        assertThat((List<?>) summary.get("batchKeys")).doesNotHaveDuplicates().hasSize(3);
        assertEachRangeLandedWhole(dlq.drain());
    }

    @Test
    void theS3IntakeHydratesOneEventOfThreeStreamsEachIntoItsOwnMessage() throws IOException {
        String bucket = "failures-" + UUID.randomUUID();
        s3.createBucket(request -> request.bucket(bucket));
        List<String> keys = List.of(
                put(bucket, paymentsRecord(), paymentsRange.stream().map(MultiStreamHydrateIT::kinesisEventRecord).toList()),
                put(bucket, orders.onFailureRecord(1, 4), orders.records().subList(1, 4).stream().map(OrderChanges::eventRecord).toList()),
                put(bucket, shipmentsRecord(), shipmentsRange.stream().map(MultiStreamHydrateIT::kinesisEventRecord).toList()));

        Map<String, Object> summary = invoke(LambdaRuntimeIT.s3Event(bucket, keys));

        assertThat(summary).containsEntry("recordsHydrated", 10).containsEntry("statuses", List.of("COMPLETE", "COMPLETE", "COMPLETE"));
        assertEachRangeLandedWhole(dlq.drain());
    }

    /** Puts an S3 OnFailure object of {@code record} whose payload holds {@code eventRecords}, and returns its key. */
    private String put(String bucket, String record, List<Map<String, Object>> eventRecords) throws IOException {
        String key = "aws/lambda/" + UUID.randomUUID() + "/" + SHARD_ZERO + "/2025/11/26/2025-11-26T21.03.11-" + UUID.randomUUID();
        String object = S3IntakeIT.onFailureObject(record, Map.of("Records", eventRecords));
        s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromString(object));
        return key;
    }

    private static Map<String, Object> kinesisEventRecord(Written written) {
        return S3IntakeIT.kinesisRecord(written.sequenceNumber(), written.data());
    }

    /** One message per range, each with its own batch key, naming its own stream and holding exactly its range. */
    private void assertEachRangeLandedWhole(List<Message> messages) {
        assertThat(messages).hasSize(3).allSatisfy(message ->
                assertThat(message.messageAttributes().get("hydrationStatus").stringValue()).isEqualTo("COMPLETE"));
        assertThat(messages).extracting(message -> message.messageAttributes().get("batchKey").stringValue())
                .doesNotHaveDuplicates()
                .anySatisfy(key -> assertThat(key).startsWith(payments.arn() + "/" + SHARD_ZERO + "/"))
                .anySatisfy(key -> assertThat(key).startsWith(shipments.arn() + "/" + SHARD_ZERO + "/"))
                .anySatisfy(key -> assertThat(key).startsWith(orders.streamArn() + "/" + orders.shardId() + "/"));
        assertKinesisRange(messageOf(messages, "KinesisBatchInfo", payments.arn()), paymentsRange);
        assertKinesisRange(messageOf(messages, "KinesisBatchInfo", shipments.arn()), shipmentsRange);
        assertThat(records(List.of(messageOf(messages, "DDBStreamBatchInfo", orders.streamArn()))))
                .extracting(record -> record.get("sequenceNumber"), record -> record.get("keys"))
                .containsExactlyElementsOf(orders.records().subList(1, 4).stream()
                        .map(change -> tuple(change.dynamodb().sequenceNumber(),
                                Map.of("id", change.dynamodb().keys().get("id").s())))
                        .toList());
    }

    /** The one message whose OnFailure record's {@code batchInfoField} names {@code streamArn}. */
    static Message messageOf(List<Message> messages, String batchInfoField, String streamArn) {
        List<Message> named = messages.stream().filter(message -> body(message).get(batchInfoField) instanceof Map<?, ?> batch
                && streamArn.equals(batch.get("streamArn"))).toList();
        assertThat(named).as("messages naming %s", streamArn).hasSize(1);
        return named.get(0);
    }

    static void assertKinesisRange(Message message, List<Written> range) {
        assertThat(records(List.of(message))).extracting(record -> record.get("sequenceNumber"))
                .containsExactlyElementsOf(range.stream().map(Written::sequenceNumber).toList());
        assertThat(records(List.of(message))).extracting(DeadLetters::data)
                .containsExactlyElementsOf(range.stream().map(Written::data).toList());
    }

    /** Orders order-0, order-1, ... put into a new table with a stream: the stream's ARN, its one shard and its records, in order. */
    record OrderChanges(String streamArn, String shardId, List<Record> records) {
        static OrderChanges put(DynamoDbClient tables, DynamoDbStreamsClient streams, int count) {
            String table = "orders-" + UUID.randomUUID();
            String streamArn = DynamoDbLocal.createTableWithStream(tables, table, "id");
            for (int i = 0; i < count; i++) {
                int order = i;
                tables.putItem(request -> request.tableName(table).item(Map.of("id", AttributeValue.fromS("order-" + order))));
            }
            String shardId = streams.describeStream(request -> request.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
            String iterator = streams.getShardIterator(request -> request.streamArn(streamArn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            return new OrderChanges(streamArn, shardId, streams.getRecords(request -> request.shardIterator(iterator)).records());
        }

        /** The OnFailure record of the records from index {@code from} to {@code to}, exclusive. */
        String onFailureRecord(int from, int to) {
            return OnFailureRecords.dynamoDbStream().streamArn(streamArn).shardId(shardId)
                    .startSequenceNumber(records.get(from).dynamodb().sequenceNumber())
                    .endSequenceNumber(records.get(to - 1).dynamodb().sequenceNumber()).batchSize(to - from).json();
        }

        /** {@code change} as a DynamoDB stream event holds it, and so an S3 OnFailure object's payload: its keys and new image are strings only. */
        static Map<String, Object> eventRecord(Record change) {
            Map<String, Object> stream = new LinkedHashMap<>();
            stream.put("ApproximateCreationDateTime", change.dynamodb().approximateCreationDateTime().getEpochSecond());
            stream.put("Keys", typedStrings(change.dynamodb().keys()));
            stream.put("NewImage", typedStrings(change.dynamodb().newImage()));
            stream.put("SequenceNumber", change.dynamodb().sequenceNumber());
            stream.put("SizeBytes", change.dynamodb().sizeBytes());
            stream.put("StreamViewType", change.dynamodb().streamViewTypeAsString());
            return Map.of("eventID", change.eventID(), "eventName", change.eventNameAsString(), "eventVersion", change.eventVersion(),
                    "awsRegion", change.awsRegion(), "eventSource", "aws:dynamodb", "dynamodb", stream);
        }

        private static Map<String, Object> typedStrings(Map<String, AttributeValue> item) {
            Map<String, Object> typed = new LinkedHashMap<>();
            item.forEach((name, value) -> typed.put(name, Map.of("S", value.s())));
            return typed;
        }
    }
}
