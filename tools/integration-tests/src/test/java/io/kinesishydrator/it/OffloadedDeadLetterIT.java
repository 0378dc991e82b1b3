package io.kinesishydrator.it;

import static io.kinesishydrator.testsupport.DeadLetters.body;
import static io.kinesishydrator.testsupport.DeadLetters.data;
import static io.kinesishydrator.testsupport.DeadLetters.hydration;
import static io.kinesishydrator.testsupport.DeadLetters.records;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.sqs.javamessaging.AmazonSQSExtendedClient;
import com.amazon.sqs.javamessaging.ExtendedClientConfiguration;
import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.hydrate.HydrateHandler;
import io.kinesishydrator.hydrate.HydrateStreamHandler;
import io.kinesishydrator.hydrate.HydrateSummary;
import io.kinesishydrator.hydrate.HydratorFactory;
import io.kinesishydrator.hydrate.internal.Sha256;
import io.kinesishydrator.local.LocalCredentials;
import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.OnFailureRecords;
import io.kinesishydrator.testsupport.TestQueue;
import io.kinesishydrator.testsupport.TestStream;
import io.kinesishydrator.testsupport.TestStream.Written;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * Records too large for a dead-letter message, through the hydrate against S3Mock, ElasticMQ and kinesis-mock: each
 * goes whole to the payload bucket, and the queue holds the SQS Extended Client Library's pointer, which that
 * library (the reference reader) resolves to the full message. kinesis-mock takes a 9 MiB record once
 * {@code UpdateMaxRecordSize} raises the stream's 1 MiB limit, but its GetRecords of it outlasts the SDK's read
 * timeout; so the 9 MiB record comes from an S3 OnFailure object's payload, and Kinesis ranges use a small message
 * limit instead.
 */
@ExtendWith(LocalAws.Extension.class)
class OffloadedDeadLetterIT {
    private static final int ONE_MIB = 1024 * 1024;
    private static final int SMALLEST_LIMIT = 16 * 1024;
    private final LocalAws aws;
    private S3Client s3;
    private String failureBucket;
    private String payloadBucket;
    private TestQueue dlq;

    OffloadedDeadLetterIT(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void bucketsAndQueue() {
        s3 = aws.s3Mock().client();
        failureBucket = "failures-" + UUID.randomUUID();
        payloadBucket = "payloads-" + UUID.randomUUID();
        s3.createBucket(request -> request.bucket(failureBucket));
        s3.createBucket(request -> request.bucket(payloadBucket));
        dlq = aws.newQueue();
    }

    private HydrateHandler handler(Supplier<S3Client> payloadS3, int maxMessageBytes) {
        return new HydrateHandler(HydratorFactory.create(region -> aws.kinesisMock().client(region), region -> {
            throw new AssertionError("no DynamoDB stream read expected");
        }, payloadS3, aws.sqs(), dlq.url(), maxMessageBytes, payloadBucket), Duration.ofSeconds(5));
    }

    /** Hydrates the S3 OnFailure object {@code key} as the deployed handler does, and returns its summary. */
    private Map<String, Object> hydrateObject(String key, int maxMessageBytes) throws IOException {
        HydrateStreamHandler handler = new HydrateStreamHandler(handler(() -> s3, maxMessageBytes));
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(S3IntakeIT.s3Event(failureBucket, key).getBytes(StandardCharsets.UTF_8)),
                response, null);
        return JSON.std.mapFrom(response.toByteArray());
    }

    private String putOnFailureObject(String body) {
        String key = "aws/lambda/" + UUID.randomUUID() + "/shardId-000000000000/2025/11/26/2025-11-26T21.03.11-" + UUID.randomUUID();
        s3.putObject(request -> request.bucket(failureBucket).key(key), RequestBody.fromString(body));
        return key;
    }

    /** The dead-letter messages as the SQS Extended Client Library receives them: offloaded bodies resolved. */
    private List<Message> receiveWithExtendedClient() {
        AmazonSQSExtendedClient reader = new AmazonSQSExtendedClient(aws.sqs(),
                new ExtendedClientConfiguration().withPayloadSupportEnabled(s3, payloadBucket));
        return reader.receiveMessage(ReceiveMessageRequest.builder().queueUrl(dlq.url()).maxNumberOfMessages(10)
                .messageAttributeNames("All").build()).messages();
    }

    private static int part(Message message) {
        return Integer.parseInt(message.messageAttributes().get("part").stringValue());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNineMebibyteRecordIsReadBackByteForByteThroughTheExtendedClient() throws IOException {
        byte[] large = new byte[9 * ONE_MIB];
        new Random(7).nextBytes(large);
        String record = OnFailureRecords.kinesis().streamArn(S3IntakeIT.STREAM_ARN).shardId("shardId-000000000000")
                .startSequenceNumber("100").endSequenceNumber("100").batchSize(1).json();
        String key = putOnFailureObject(S3IntakeIT.onFailureObject(record,
                Map.of("Records", List.of(S3IntakeIT.kinesisRecord("100", large)))));

        Map<String, Object> summary = hydrateObject(key, ONE_MIB);

        assertThat(summary).containsEntry("recordsHydrated", 1).containsEntry("statuses", List.of("COMPLETE"));
        Message pointer = dlq.visibleMessages().get(0);
        assertThat(pointer.body()).startsWith("[\"software.amazon.payloadoffloading.PayloadS3Pointer\",{\"s3BucketName\":\""
                + payloadBucket + "\",\"s3Key\":\"");
        assertThat(pointer.messageAttributes()).containsKeys("batchKey", "part", "parts", "hydrationStatus", "ExtendedPayloadSize");
        assertThat(pointer.messageAttributes().get("hydrationStatus").stringValue()).isEqualTo("COMPLETE");
        List<Message> resolved = receiveWithExtendedClient();
        assertThat(resolved).singleElement().satisfies(message -> {
            assertThat(Integer.parseInt(pointer.messageAttributes().get("ExtendedPayloadSize").stringValue()))
                    .isEqualTo(message.body().getBytes(StandardCharsets.UTF_8).length);
            assertThat(hydration(message)).containsEntry("status", "COMPLETE").containsEntry("recordsInMessage", 1);
            assertThat(data(records(List.of(message)).get(0))).isEqualTo(large);
            assertThat(body(message)).containsKey("KinesisBatchInfo");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDynamoDbRecordWithTwoLargeImagesGoesWholeToTheBucketUnderASmallLimit() throws IOException {
        String note = "n".repeat(200 * 1024);
        Map<String, Object> image = Map.of("id", Map.of("S", "order-7"), "note", Map.of("S", note));
        String record = OnFailureRecords.dynamoDbStream().streamArn("arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2025-11-26T00:00:00.000")
                .shardId("shardId-00000001764190000000-abcdef12").startSequenceNumber("300").endSequenceNumber("300").batchSize(1).json();
        Map<String, Object> change = Map.of("eventID", "e-1", "eventName", "MODIFY", "eventVersion", "1.1", "awsRegion", "us-east-1",
                "eventSource", "aws:dynamodb", "dynamodb", Map.of("ApproximateCreationDateTime", 1764190001, "SequenceNumber", "300",
                        "Keys", Map.of("id", Map.of("S", "order-7")), "NewImage", image, "OldImage", image,
                        "SizeBytes", 2 * note.length(), "StreamViewType", "NEW_AND_OLD_IMAGES"));
        String key = putOnFailureObject(S3IntakeIT.onFailureObject(record, Map.of("Records", List.of(change))));

        assertThat(hydrateObject(key, SMALLEST_LIMIT)).containsEntry("recordsHydrated", 1).containsEntry("statuses", List.of("COMPLETE"));

        // Read back without the library: the pointer names the object, which holds the whole message.
        List<Object> pointer = JSON.std.listFrom(dlq.drain().get(0).body());
        Map<?, ?> location = (Map<?, ?>) pointer.get(1);
        String stored = s3.getObjectAsBytes(request -> request.bucket((String) location.get("s3BucketName"))
                .key((String) location.get("s3Key"))).asUtf8String();
        Map<String, Object> hydrated = (Map<String, Object>) ((List<?>) JSON.std.mapFrom(stored).get("records")).get(0);
        assertThat(hydrated).containsEntry("newImage", Map.of("id", "order-7", "note", note))
                .containsEntry("oldImage", Map.of("id", "order-7", "note", note)).doesNotContainKey("truncated");
        assertThat(hydrated.get("dynamodb").toString()).contains("NewImage", "OldImage");
    }

    @Test
    void aRangeMixingSmallAndLargeRecordsKeepsTheSmallOnesInlineAndTheLargeOneBetweenThemInPartOrder() {
        TestStream stream = aws.newStream(1);
        byte[] large = "L".repeat(3 * SMALLEST_LIMIT).getBytes(StandardCharsets.UTF_8);
        List<Written> range = stream.write(0, List.of("small-1".getBytes(StandardCharsets.UTF_8), large,
                "small-2".getBytes(StandardCharsets.UTF_8)));

        HydrateSummary summary = handler(() -> s3, SMALLEST_LIMIT).handleRequest(
                OnFailureRecords.snsEvent(OnFailureRecords.kinesis().streamArn(stream.arn()).covering(range).json()), null);

        assertThat(summary.getRecordsHydrated()).isEqualTo(3);
        assertThat(summary.getStatuses()).containsExactly("COMPLETE");
        List<Message> raw = dlq.visibleMessages().stream().sorted(Comparator.comparingInt(OffloadedDeadLetterIT::part)).toList();
        assertThat(raw).extracting(message -> message.messageAttributes().containsKey("ExtendedPayloadSize"))
                .containsExactly(false, true, false);
        List<Message> resolved = receiveWithExtendedClient().stream().sorted(Comparator.comparingInt(OffloadedDeadLetterIT::part)).toList();
        assertThat(records(resolved)).extracting(record -> record.get("sequenceNumber"))
                .containsExactlyElementsOf(range.stream().map(Written::sequenceNumber).toList());
        for (int i = 0; i < range.size(); i++) {
            assertThat(data(records(resolved).get(i))).as("data of record %d", i).isEqualTo(range.get(i).data());
        }
        assertThat(resolved.subList(0, 2)).allSatisfy(message -> assertThat(hydration(message))
                .containsEntry("status", "PARTIAL").doesNotContainKey("parts"));
        assertThat(hydration(resolved.get(2))).containsEntry("status", "COMPLETE").containsEntry("parts", 3);
    }

    @Test
    void withTheBucketDownTheNotificationStillReachesTheQueueTruncatedWithTheReasonAndIsNotCountedHydrated() throws IOException {
        TestStream stream = aws.newStream(1);
        byte[] large = "L".repeat(3 * SMALLEST_LIMIT).getBytes(StandardCharsets.UTF_8);
        List<Written> range = stream.write(0, List.of("small-1".getBytes(StandardCharsets.UTF_8), large));
        S3Client down = closedPortS3();

        HydrateSummary summary = handler(() -> down, SMALLEST_LIMIT).handleRequest(
                OnFailureRecords.snsEvent(OnFailureRecords.kinesis().streamArn(stream.arn()).covering(range).json()), null);

        assertThat(summary.getRecordsHydrated()).isEqualTo(1);
        assertThat(summary.getStatuses()).containsExactly("INCOMPLETE");
        List<Message> messages = dlq.drain().stream().sorted(Comparator.comparingInt(OffloadedDeadLetterIT::part)).toList();
        assertThat(messages).hasSize(2).allSatisfy(message ->
                assertThat(message.messageAttributes()).doesNotContainKey("ExtendedPayloadSize"));
        assertThat(messages.get(0).messageAttributes().get("hydrationStatus").stringValue()).isEqualTo("PARTIAL");
        Message last = messages.get(1);
        assertThat(last.messageAttributes().get("hydrationStatus").stringValue()).isEqualTo("INCOMPLETE");
        assertThat(last.messageAttributes().get("hydrationReason").stringValue()).contains("payload bucket " + payloadBucket);
        assertThat((List<?>) hydration(last).get("missing")).singleElement().isEqualTo(Map.of(
                "from", range.get(1).sequenceNumber(), "through", range.get(1).sequenceNumber(),
                "reason", last.messageAttributes().get("hydrationReason").stringValue()));
        List<Map<String, Object>> records = records(messages);
        assertThat(records).hasSize(2);
        assertThat(data(records.get(0))).isEqualTo(range.get(0).data());
        assertThat(records.get(1)).containsEntry("truncated", true).containsEntry("dataBytes", large.length)
                .containsEntry("sequenceNumber", range.get(1).sequenceNumber()).doesNotContainKeys("text", "data");
    }

    @Test
    void anUnparseableNotificationLargerThanAMessageGoesToTheBucketAsReceived() {
        String notification = "{\"not\":\"a stream OnFailure record\",\"padding\":\"" + "p".repeat(2 * SMALLEST_LIMIT) + "\"}";

        HydrateSummary summary = handler(() -> s3, SMALLEST_LIMIT).handleRequest(OnFailureRecords.snsEvent(notification), null);

        assertThat(summary.getStatuses()).containsExactly("UNPARSEABLE");
        assertThat(dlq.visibleMessages()).singleElement().satisfies(pointer ->
                assertThat(pointer.messageAttributes()).containsKeys("ExtendedPayloadSize", "hydrationReason"));
        assertThat(receiveWithExtendedClient()).singleElement().satisfies(message -> {
            assertThat(message.body()).isEqualTo(notification);
            assertThat(message.messageAttributes().get("hydrationStatus").stringValue()).isEqualTo("UNPARSEABLE");
        });
    }

    @Test
    void anUnparseableNotificationTheBucketDoesNotTakeGoesAsItsSizeAndDigestWithTheReason() throws IOException {
        String notification = "{\"not\":\"a stream OnFailure record\",\"padding\":\"" + "p".repeat(2 * SMALLEST_LIMIT) + "\"}";
        S3Client down = closedPortS3();

        HydrateSummary summary = handler(() -> down, SMALLEST_LIMIT).handleRequest(OnFailureRecords.snsEvent(notification), null);

        assertThat(summary.getStatuses()).containsExactly("UNPARSEABLE");
        assertThat(dlq.drain()).singleElement().satisfies(message -> {
            assertThat(body(message)).isEqualTo(Map.of("unparseable", Map.of("truncated", true,
                    "bodyBytes", notification.length(), "bodySha256", Sha256.hex(notification))));
            assertThat(message.messageAttributes().get("hydrationReason").stringValue()).contains("payload bucket " + payloadBucket);
        });
    }

    @Test
    void aRangeThatFitsTheQueueNeverBuildsTheS3Client() {
        TestStream stream = aws.newStream(1);
        List<Written> range = stream.write(0, List.of("small-1".getBytes(StandardCharsets.UTF_8)));

        HydrateSummary summary = handler(() -> {
            throw new AssertionError("no S3 client expected for messages that fit the queue");
        }, SMALLEST_LIMIT).handleRequest(OnFailureRecords.snsEvent(OnFailureRecords.kinesis().streamArn(stream.arn())
                .covering(range).json()), null);

        assertThat(summary.getRecordsHydrated()).isEqualTo(1);
        assertThat(dlq.drain()).singleElement().satisfies(message ->
                assertThat(message.messageAttributes()).doesNotContainKey("ExtendedPayloadSize"));
    }

    /** An S3 client whose endpoint is a loopback port nothing listens on. */
    private static S3Client closedPortS3() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).forcePathStyle(true)
                .region(LocalCredentials.REGION).credentialsProvider(LocalCredentials.provider())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
