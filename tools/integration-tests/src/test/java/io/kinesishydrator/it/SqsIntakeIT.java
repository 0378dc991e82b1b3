package io.kinesishydrator.it;

import static io.kinesishydrator.testsupport.DeadLetters.records;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.hydrate.HydrateHandler;
import io.kinesishydrator.hydrate.HydrateStreamHandler;
import io.kinesishydrator.hydrate.HydratorFactory;
import io.kinesishydrator.local.DynamoDbLocal;
import io.kinesishydrator.testsupport.DeadLetters;
import io.kinesishydrator.testsupport.FaultInjector;
import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.OnFailureRecords;
import io.kinesishydrator.testsupport.TestQueue;
import io.kinesishydrator.testsupport.TestStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The hydrate's SQS intake through the deployed handler: an SQS event whose bodies are OnFailure records of both
 * stream kinds (kinesis-mock, DynamoDB Local), a body that is none, and one whose dead-letter write fails, which
 * alone comes back as a batch item failure.
 */
@ExtendWith(LocalAws.Extension.class)
class SqsIntakeIT {
    private final LocalAws aws;
    private final FaultInjector sqsFaults = new FaultInjector();

    SqsIntakeIT(LocalAws aws) {
        this.aws = aws;
    }

    /** An SQS event of {@code bodies}, message ids m-0, m-1, ..., each record shaped like the events/ file's. */
    @SuppressWarnings("unchecked")
    static String sqsEvent(String... bodies) throws IOException {
        Map<String, Object> file = JSON.std.mapFrom(Files.readString(Path.of("../..", "events", "sqs-onfailure-kinesis.json")));
        Map<String, Object> template = ((List<Map<String, Object>>) file.get("Records")).get(0);
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            Map<String, Object> record = new LinkedHashMap<>(template);
            record.put("messageId", "m-" + i);
            record.put("body", bodies[i]);
            records.add(record);
        }
        return JSON.std.asString(Map.of("Records", records));
    }

    @Test
    @SuppressWarnings("unchecked")
    void hydratesBothStreamKindsQueuesTheMalformedBodyAndReportsOnlyTheTransientFailure() throws IOException {
        TestQueue dlq = aws.newQueue();
        TestStream stream = aws.newStream(1);
        List<TestStream.Written> range = stream.write(0, IntStream.range(0, 5)
                .mapToObj(i -> ("sqs-" + i).getBytes(StandardCharsets.UTF_8)).toList()).subList(1, 4);
        try (DynamoDbLocal dynamoDb = DynamoDbLocal.start()) {
            String streamArn = dynamoDb.createTableWithStream("orders", "id");
            for (int i = 0; i < 4; i++) {
                int order = i;
                dynamoDb.dynamoDb().putItem(request -> request.tableName("orders").item(Map.of("id", AttributeValue.fromS("order-" + order))));
            }
            String shardId = dynamoDb.streams().describeStream(request -> request.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
            String iterator = dynamoDb.streams().getShardIterator(request -> request.streamArn(streamArn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            List<Record> changes = dynamoDb.streams().getRecords(request -> request.shardIterator(iterator)).records().subList(1, 3);
            String kinesisRecord = OnFailureRecords.kinesis().streamArn(stream.arn()).covering(range).json();
            String dynamoDbRecord = OnFailureRecords.dynamoDbStream().streamArn(streamArn).shardId(shardId)
                    .startSequenceNumber(changes.get(0).dynamodb().sequenceNumber())
                    .endSequenceNumber(changes.get(1).dynamodb().sequenceNumber()).batchSize(2).json();
            // The fourth dead-letter write is refused as the sender's fault: not retried in-process, so only SQS retries it.
            sqsFaults.failAfter(SendMessageBatchRequest.class, 3, () -> SqsException.builder().statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidParameterValue").errorMessage("refused").build()).build());
            HydrateStreamHandler handler = new HydrateStreamHandler(new HydrateHandler(HydratorFactory.create(
                    region -> aws.kinesisMock().client(region), region -> dynamoDb.streams(), aws.elasticMq().client(sqsFaults),
                    dlq.url(), 1024 * 1024), Duration.ofSeconds(5)));

            ByteArrayOutputStream response = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(sqsEvent(kinesisRecord, dynamoDbRecord, "not an OnFailure record",
                    kinesisRecord).getBytes(StandardCharsets.UTF_8)), response, null);

            assertThat(JSON.std.mapFrom(response.toByteArray()))
                    .isEqualTo(Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", "m-3"))));
            List<Message> messages = dlq.drain();
            assertThat(messages).extracting(message -> message.messageAttributes().get("hydrationStatus").stringValue())
                    .containsExactlyInAnyOrder("COMPLETE", "COMPLETE", "UNPARSEABLE");
            Message kinesis = messages.stream().filter(m -> m.body().contains("KinesisBatchInfo")).findFirst().orElseThrow();
            assertThat(records(List.of(kinesis))).extracting(record -> new String(DeadLetters.data(record), StandardCharsets.UTF_8))
                    .containsExactly("sqs-1", "sqs-2", "sqs-3");
            Message ddb = messages.stream().filter(m -> m.body().contains("DDBStreamBatchInfo")).findFirst().orElseThrow();
            assertThat(records(List.of(ddb))).extracting(record -> record.get("keys"))
                    .containsExactly(Map.of("id", "order-1"), Map.of("id", "order-2"));
            String notJson = "{\"unparseableBase64\":\"" + Base64.getEncoder().encodeToString(
                    "not an OnFailure record".getBytes(StandardCharsets.UTF_8)) + "\"}";
            assertThat(messages).filteredOn(m -> m.body().equals(notJson)).singleElement()
                    .extracting(m -> m.messageAttributes().get("hydrationReason").stringValue()).asString()
                    .startsWith("message is not a JSON object");
        }
    }
}
