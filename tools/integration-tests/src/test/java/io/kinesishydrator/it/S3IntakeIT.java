package io.kinesishydrator.it;

import static io.kinesishydrator.testsupport.DeadLetters.records;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.hydrate.HydrateHandler;
import io.kinesishydrator.hydrate.HydrateStreamHandler;
import io.kinesishydrator.hydrate.HydratorFactory;
import io.kinesishydrator.testsupport.DeadLetters;
import io.kinesishydrator.testsupport.FaultInjector;
import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.OnFailureRecords;
import io.kinesishydrator.testsupport.TestQueue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The hydrate's S3 intake through the deployed handler, against S3Mock: S3 OnFailure objects, named by S3 event
 * notifications, are hydrated from their payload into the same dead-letter messages, without a stream read.
 */
@ExtendWith(LocalAws.Extension.class)
class S3IntakeIT {
    static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/orders";
    private final LocalAws aws;
    private final FaultInjector kinesisFaults = new FaultInjector();
    private S3Client s3;
    private String bucket;
    private TestQueue dlq;

    S3IntakeIT(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void bucketAndQueue() {
        s3 = aws.s3Mock().client();
        bucket = "failures-" + UUID.randomUUID();
        s3.createBucket(request -> request.bucket(bucket));
        dlq = aws.newQueue();
    }

    private Map<String, Object> invoke(String key) throws IOException {
        HydrateStreamHandler handler = new HydrateStreamHandler(new HydrateHandler(HydratorFactory.create(
                region -> aws.kinesisMock().client(region, kinesisFaults), region -> {
                    throw new AssertionError("no DynamoDB stream read expected");
                }, () -> s3, aws.sqs(), dlq.url(), 1024 * 1024), Duration.ofSeconds(5)));
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(s3Event(bucket, key).getBytes(StandardCharsets.UTF_8)), response, null);
        return JSON.std.mapFrom(response.toByteArray());
    }

    /** An S3 event notification for {@code key}, shaped like the events/ file's, the key URL-encoded as S3 writes it. */
    @SuppressWarnings("unchecked")
    static String s3Event(String bucket, String key) throws IOException {
        Map<String, Object> event = JSON.std.mapFrom(Files.readString(Path.of("../..", "events", "s3-onfailure-kinesis.json")));
        Map<String, Object> s3 = (Map<String, Object>) ((List<Map<String, Object>>) event.get("Records")).get(0).get("s3");
        ((Map<String, Object>) s3.get("bucket")).put("name", bucket);
        ((Map<String, Object>) s3.get("object")).put("key", URLEncoder.encode(key, StandardCharsets.UTF_8));
        return JSON.std.asString(event);
    }

    /** The object an S3 OnFailure destination writes: the record plus the invocation event as a JSON string. */
    static String onFailureObject(String record, Map<String, Object> invocationEvent) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>(JSON.std.mapFrom(record));
        object.put("payload", JSON.std.asString(invocationEvent));
        return JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES).asString(object);
    }

    static Map<String, Object> kinesisRecord(String sequenceNumber, byte[] data) {
        return Map.of("kinesis", Map.of("kinesisSchemaVersion", "1.0", "partitionKey", "order", "sequenceNumber", sequenceNumber,
                        "data", Base64.getEncoder().encodeToString(data), "approximateArrivalTimestamp", 1764190001.123),
                "eventSource", "aws:kinesis", "eventSourceARN", STREAM_ARN, "eventID", "shardId-000000000000:" + sequenceNumber);
    }

    private String put(String body) {
        String key = "aws/lambda/" + UUID.randomUUID() + "/shardId-000000000000/2025/11/26/2025-11-26T21.03.11-" + UUID.randomUUID();
        s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromString(body));
        return key;
    }

    private String kinesisOnFailureRecord(String condition) {
        return OnFailureRecords.kinesis().condition(condition).streamArn(STREAM_ARN).shardId("shardId-000000000000")
                .startSequenceNumber("100").endSequenceNumber("200").batchSize(2).json();
    }

    @Test
    void takesBinaryAndTextRecordsFromThePayloadByteForByteWithoutReadingTheStream() throws IOException {
        byte[] binary = {0, (byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28, 0x0a};
        byte[] text = "{\"order\":\"é-1\"}".getBytes(StandardCharsets.UTF_8);
        String key = put(onFailureObject(kinesisOnFailureRecord(OnFailureRecords.RETRY_ATTEMPTS_EXHAUSTED),
                Map.of("Records", List.of(kinesisRecord("100", binary), kinesisRecord("200", text)))));

        Map<String, Object> summary = invoke(key);

        assertThat(summary).containsEntry("recordsHydrated", 2).containsEntry("statuses", List.of("COMPLETE"));
        List<Message> messages = dlq.drain();
        assertThat(records(messages)).extracting(DeadLetters::data).containsExactly(binary, text);
        assertThat(records(messages).get(0)).containsKey("data").doesNotContainKey("text");
        assertThat(records(messages).get(1)).containsEntry("text", "{\"order\":\"é-1\"}").doesNotContainKey("data")
                .containsEntry("sequenceNumber", "200");
        assertThat(DeadLetters.hydration(messages.get(0))).containsEntry("recordsFrom", "payload of s3://" + bucket + "/" + key);
        assertThat(DeadLetters.body(messages.get(0))).containsKey("KinesisBatchInfo").doesNotContainKey("payload");
        assertThat(kinesisFaults.attempts(GetShardIteratorRequest.class) + kinesisFaults.attempts(GetRecordsRequest.class)).isZero();
    }

    @Test
    void takesDynamoDbRecordsFromThePayload() throws IOException {
        String record = OnFailureRecords.dynamoDbStream().streamArn("arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2025-11-26T00:00:00.000")
                .shardId("shardId-00000001764190000000-abcdef12").startSequenceNumber("300").endSequenceNumber("300").batchSize(1).json();
        Map<String, Object> change = Map.of("eventID", "e-1", "eventName", "INSERT", "eventVersion", "1.1", "awsRegion", "us-east-1",
                "eventSource", "aws:dynamodb", "dynamodb", Map.of("ApproximateCreationDateTime", 1764190001, "SequenceNumber", "300",
                        "Keys", Map.of("id", Map.of("S", "order-7")), "NewImage", Map.of("id", Map.of("S", "order-7"), "amount", Map.of("N", "12.50")),
                        "SizeBytes", 30, "StreamViewType", "NEW_AND_OLD_IMAGES"));
        String key = put(onFailureObject(record, Map.of("Records", List.of(change))));

        assertThat(invoke(key)).containsEntry("statuses", List.of("COMPLETE"));

        List<Map<String, Object>> hydrated = records(dlq.drain());
        assertThat(hydrated).singleElement().satisfies(change7 -> {
            assertThat(change7).containsEntry("keys", Map.of("id", "order-7")).containsEntry("eventName", "INSERT");
            assertThat(change7.get("dynamodb").toString()).contains("amount={N=12.50}");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void keepsAnUnknownConditionAndANullFunctionErrorAsWritten() throws IOException {
        String key = put(onFailureObject(kinesisOnFailureRecord("PayloadTooLarge"),
                Map.of("Records", List.of(kinesisRecord("100", new byte[] {1}), kinesisRecord("200", new byte[] {2})))));

        assertThat(invoke(key)).containsEntry("statuses", List.of("COMPLETE"));

        Map<String, Object> body = DeadLetters.body(dlq.drain().get(0));
        assertThat(body.get("requestContext").toString()).contains("condition=PayloadTooLarge");
        assertThat((Map<String, Object>) body.get("responseContext")).containsEntry("functionError", null);
    }

    @Test
    void sendsAnObjectItCannotParseAsAReferenceWithTheReason() throws IOException {
        String key = put("this is not JSON");

        assertThat(invoke(key)).containsEntry("statuses", List.of("UNPARSEABLE"));

        Message message = dlq.drain().get(0);
        assertThat(DeadLetters.body(message)).isEqualTo(Map.of("onFailureObject", Map.of("bucket", bucket, "key", key)));
        assertThat(message.messageAttributes().get("hydrationReason").stringValue()).startsWith("the object is not a JSON object");
    }

    @Test
    void sendsADeletedObjectAsAReferenceWithTheReason() throws IOException {
        String key = put("{}");
        s3.deleteObject(request -> request.bucket(bucket).key(key));

        assertThat(invoke(key)).containsEntry("statuses", List.of("UNPARSEABLE"));

        Message message = dlq.drain().get(0);
        assertThat(DeadLetters.body(message)).isEqualTo(Map.of("onFailureObject", Map.of("bucket", bucket, "key", key)));
        assertThat(message.messageAttributes().get("hydrationReason").stringValue()).isEqualTo("the object is gone (NoSuchKey)");
    }
}
