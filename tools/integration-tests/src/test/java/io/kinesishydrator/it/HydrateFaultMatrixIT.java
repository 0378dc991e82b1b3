package io.kinesishydrator.it;

import static io.kinesishydrator.testsupport.DeadLetters.body;
import static io.kinesishydrator.testsupport.DeadLetters.data;
import static io.kinesishydrator.testsupport.DeadLetters.hydration;
import static io.kinesishydrator.testsupport.DeadLetters.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kinesishydrator.common.Backoff;
import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.Retrier;
import io.kinesishydrator.common.Sleeper;
import io.kinesishydrator.hydrate.DeadLetterMessage;
import io.kinesishydrator.hydrate.DeadLetterQueueException;
import io.kinesishydrator.hydrate.HydrateHandler;
import io.kinesishydrator.hydrate.HydratorFactory;
import io.kinesishydrator.hydrate.internal.DeadLetterWriter;
import io.kinesishydrator.local.LocalContext;
import io.kinesishydrator.local.LocalCredentials;
import io.kinesishydrator.testsupport.FaultInjector;
import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.OnFailureRecords;
import io.kinesishydrator.testsupport.TestQueue;
import io.kinesishydrator.testsupport.TestStream;
import io.kinesishydrator.testsupport.TestStream.Written;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.AccessDeniedException;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The hydrate under every fault of the matrix in README, against the real local servers with faults injected
 * inside the SDK clients. Each ends with a complete DLQ message, a DLQ message that says what is missing and
 * why, or an exception that leaves the notification to Lambda's retries.
 */
@ExtendWith(LocalAws.Extension.class)
class HydrateFaultMatrixIT {
    private static final int ONE_MIB = 1024 * 1024;

    private final LocalAws aws;
    private final FaultInjector kinesisFaults = new FaultInjector();
    private final FaultInjector sqsFaults = new FaultInjector();
    private final Map<Region, KinesisClient> kinesisClients = new ConcurrentHashMap<>();
    private final List<Region> regionsUsed = new ArrayList<>();
    private TestStream stream;
    private TestQueue dlq;

    HydrateFaultMatrixIT(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void freshStreamAndQueue() {
        stream = aws.newStream(1);
        dlq = aws.newQueue();
    }

    private HydrateHandler handler(int maxMessageBytes) {
        return handler(aws.elasticMq().client(sqsFaults), maxMessageBytes);
    }

    private HydrateHandler handler(SqsClient sqs, int maxMessageBytes) {
        return new HydrateHandler(HydratorFactory.create(region -> kinesisClients.computeIfAbsent(region, r -> {
            regionsUsed.add(r);
            return aws.kinesisMock().client(r, kinesisFaults);
        }), sqs, dlq.url(), maxMessageBytes), Duration.ofSeconds(2));
    }

    private List<Written> write(int count) {
        return stream.write(0, IntStream.range(0, count)
                .mapToObj(i -> ("{\"orderId\":\"o-" + i + "\"}").getBytes(StandardCharsets.UTF_8)).toList());
    }

    private String notification(List<Written> range) {
        return OnFailureRecords.kinesis().streamArn(stream.arn()).covering(range).json();
    }

    private static void assertExactly(List<Message> messages, List<Written> expected) {
        List<Map<String, Object>> records = records(messages);
        assertThat(records).extracting(record -> record.get("sequenceNumber"))
                .containsExactlyElementsOf(expected.stream().map(Written::sequenceNumber).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(data(records.get(i))).isEqualTo(expected.get(i).data());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> missing(Message message) {
        return (List<Map<String, Object>>) hydration(message).get("missing");
    }

    @Test
    void f01_throttledReadsAreRetriedWithBackoff() {
        List<Written> range = write(20).subList(5, 15);
        kinesisFaults.fail(GetShardIteratorRequest.class, 2, () -> (LimitExceededException) LimitExceededException.builder()
                        .awsErrorDetails(error("LimitExceededException", "Rate exceeded for stream")).statusCode(400).build())
                .fail(GetRecordsRequest.class, 4, () -> (ProvisionedThroughputExceededException) ProvisionedThroughputExceededException
                        .builder().awsErrorDetails(error("ProvisionedThroughputExceededException", "Rate exceeded for shard"))
                        .statusCode(400).build());

        handler(ONE_MIB).handleRequest(OnFailureRecords.snsEvent(notification(range)), new LocalContext(Duration.ofSeconds(60)));

        List<Message> messages = dlq.drain();
        assertExactly(messages, range);
        assertThat(hydration(messages.get(0))).containsEntry("status", "COMPLETE");
        assertThat(kinesisFaults.attempts(GetRecordsRequest.class)).isGreaterThanOrEqualTo(5);
    }

    @Test
    void f02_anExpiredIteratorIsReacquiredAfterTheLastRecordRead() {
        List<Written> range = write(30).subList(2, 28);
        kinesisFaults.changeEveryRequest(GetRecordsRequest.class, request -> request.toBuilder().limit(5).build())
                .failAfter(GetRecordsRequest.class, 2, () -> (ExpiredIteratorException) ExpiredIteratorException.builder()
                        .awsErrorDetails(error("ExpiredIteratorException", "Iterator expired")).statusCode(400).build());

        handler(ONE_MIB).handleRequest(OnFailureRecords.snsEvent(notification(range)), new LocalContext(Duration.ofSeconds(60)));

        assertExactly(dlq.drain(), range);
        List<GetShardIteratorRequest> iterators = kinesisFaults.calls(GetShardIteratorRequest.class);
        assertThat(iterators).hasSize(2);
        assertThat(iterators.get(1).shardIteratorType()).isEqualTo(ShardIteratorType.AFTER_SEQUENCE_NUMBER);
        assertThat(iterators.get(1).startingSequenceNumber()).isEqualTo(range.get(9).sequenceNumber());
    }

    @Test
    void f03_recordsPastRetentionAreMarkedLostCountedAndTheRestIsKept() {
        List<Written> range = write(12).subList(1, 11);
        // The shard returns the range without its first three records, as it does once retention trimmed them.
        kinesisFaults.changeNextResponse(GetRecordsResponse.class,
                response -> response.toBuilder().records(response.records().subList(3, response.records().size())).build());
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            handler(ONE_MIB).handleRequest(OnFailureRecords.snsEvent(notification(range)), new LocalContext(Duration.ofSeconds(60)));
        } finally {
            System.setOut(original);
        }

        List<Message> messages = dlq.drain();
        assertExactly(messages, range.subList(3, 10));
        assertThat(hydration(messages.get(0))).containsEntry("status", "INCOMPLETE");
        assertThat(missing(messages.get(0))).singleElement().satisfies(lost -> assertThat(lost)
                .containsEntry("from", range.get(0).sequenceNumber())
                .containsEntry("before", range.get(3).sequenceNumber())
                .containsEntry("reason", "no longer in the stream: past its retention period"));
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("\"RecordsLost\":3", "\"RecordsHydrated\":7");
    }

    @Test
    void f03_aStartRefusedAsTrimmedIsReadFromTheOldestRecordLeft() {
        List<Written> range = write(10).subList(4, 8);
        kinesisFaults.fail(GetShardIteratorRequest.class, 1, () -> (InvalidArgumentException) InvalidArgumentException.builder()
                .awsErrorDetails(error("InvalidArgumentException", "StartingSequenceNumber is past the trim horizon"))
                .message("StartingSequenceNumber is past the trim horizon").statusCode(400).build());

        handler(ONE_MIB).handleRequest(OnFailureRecords.snsEvent(notification(range)), new LocalContext(Duration.ofSeconds(60)));

        List<Message> messages = dlq.drain();
        assertExactly(messages, range);
        assertThat(kinesisFaults.calls(GetShardIteratorRequest.class)).extracting(GetShardIteratorRequest::shardIteratorType)
                .containsExactly(ShardIteratorType.AT_SEQUENCE_NUMBER, ShardIteratorType.TRIM_HORIZON);
        assertThat((List<?>) hydration(messages.get(0)).get("notes")).singleElement().asString().contains("oldest record");
    }

    @Test
    void f03_aRangeEntirelyPastRetentionIsReportedMissingWhole() {
        List<Written> written = write(10);
        List<Written> range = written.subList(2, 5);
        kinesisFaults.dropFirstRecordsOfEveryRead(3);

        handler(ONE_MIB).handleRequest(OnFailureRecords.snsEvent(notification(range)), new LocalContext(Duration.ofSeconds(60)));

        List<Message> messages = dlq.drain();
        assertThat(records(messages)).isEmpty();
        assertThat(hydration(messages.get(0))).containsEntry("status", "INCOMPLETE");
        assertThat(missing(messages.get(0))).singleElement().satisfies(gap -> assertThat(gap)
                .containsEntry("from", range.get(0).sequenceNumber())
                .containsEntry("through", range.get(2).sequenceNumber())
                .containsEntry("reason", "no longer in the stream: past its retention period"));
    }

    @Test
    void f04_aShardClosedByReshardingEndsTheReadAndSaysTheEndWasNotReached() {
        List<Written> written = write(6);
        String parent = written.get(0).shardId();
        aws.kinesis().splitShard(request -> request.streamARN(stream.arn()).shardToSplit(parent)
                .newStartingHashKey("170141183460469231731687303715884105728"));
        awaitActive();
        // A notification whose end lies beyond the parent's last record: the read runs into the closed end.
        String beyond = written.get(5).sequence().add(BigInteger.TEN.pow(30)).toString();
        String message = notification(written.subList(2, 6)).replace(written.get(5).sequenceNumber(), beyond);

        handler(ONE_MIB).handleRequest(OnFailureRecords.snsEvent(message), new LocalContext(Duration.ofSeconds(60)));

        List<Message> messages = dlq.drain();
        assertExactly(messages, written.subList(2, 6));
        assertThat(missing(messages.get(0))).singleElement().satisfies(gap -> assertThat(gap)
                .containsEntry("after", written.get(5).sequenceNumber())
                .containsEntry("through", beyond)
                .containsEntry("reason", "the shard was closed by resharding before endSequenceNumber"));
    }

    private void awaitActive() {
        for (int i = 0; i < 100; i++) {
            if (aws.kinesis().describeStreamSummary(request -> request.streamARN(stream.arn()))
                    .streamDescriptionSummary().streamStatusAsString().equals("ACTIVE")) {
                return;
            }
            sleep(Duration.ofMillis(50));
        }
        throw new IllegalStateException("stream did not become ACTIVE after the split");
    }

    @Test
    void f05_accessDeniedLeavesTheNotificationInTheQueueWithTheReason() {
        List<Written> range = write(3);
        kinesisFaults.fail(GetShardIteratorRequest.class, 1, () -> (AccessDeniedException) AccessDeniedException.builder()
                .awsErrorDetails(error("AccessDeniedException", "User is not authorized to perform: kinesis:GetShardIterator"))
                .message("User is not authorized to perform: kinesis:GetShardIterator").statusCode(400).build());

        handler(ONE_MIB).handleRequest(OnFailureRecords.snsEvent(notification(range)), new LocalContext(Duration.ofSeconds(60)));

        List<Message> messages = dlq.drain();
        assertThat(messages).hasSize(1);
        assertThat(body(messages.get(0))).containsKey("KinesisBatchInfo");
        assertThat(missing(messages.get(0))).singleElement().satisfies(gap -> assertThat((String) gap.get("reason"))
                .contains("AccessDeniedException", "not authorized"));
        assertThat(records(messages)).isEmpty();
    }

    @Test
    void f06_queueThrottlingAndServerErrorsAreRetried() {
        List<Written> range = write(5);
        sqsFaults.fail(SendMessageBatchRequest.class, 1, () -> (SqsException) SqsException.builder().statusCode(500)
                        .awsErrorDetails(error("InternalError", "internal error")).build())
                .fail(SendMessageBatchRequest.class, 1, () -> (SqsException) SqsException.builder().statusCode(403)
                        .awsErrorDetails(error("RequestThrottled", "throttled")).build());

        handler(ONE_MIB).handleRequest(OnFailureRecords.snsEvent(notification(range)), new LocalContext(Duration.ofSeconds(60)));

        List<Message> messages = dlq.drain();
        assertThat(messages).hasSize(1);
        assertExactly(messages, range);
    }

    @Test
    void f06_aPartlyFailedBatchResendsOnlyTheFailedEntries() {
        List<DeadLetterMessage> messages = IntStream.range(0, 5)
                .mapToObj(i -> new DeadLetterMessage("{\"n\":" + i + "}", "key", i + 1, 5, DeadLetterMessage.COMPLETE, null))
                .toList();
        // SQS takes every entry but the second and the fourth, and answers 200 with those in Failed[].
        sqsFaults.changeNextCall(SendMessageBatchRequest.class,
                request -> request.toBuilder().entries(request.entries().stream()
                        .filter(entry -> !List.of("m1", "m3").contains(entry.id())).toList()).build(),
                SendMessageBatchResponse.class,
                response -> response.toBuilder().failed(List.of(failedEntry("m1"), failedEntry("m3"))).build());
        DeadLetterWriter writer = new DeadLetterWriter(aws.elasticMq().client(sqsFaults), dlq.url(), ONE_MIB,
                new Retrier(3, Backoff.fullJitter(Duration.ofMillis(10), Duration.ofMillis(50)), Sleeper.THREAD));

        writer.send(messages, Deadline.none());

        List<SendMessageBatchRequest> sends = sqsFaults.calls(SendMessageBatchRequest.class);
        assertThat(sends).hasSize(2);
        assertThat(sends.get(1).entries()).extracting(SendMessageBatchRequestEntry::id).containsExactly("m1", "m3");
        assertThat(dlq.drain()).extracting(Message::body)
                .containsExactlyInAnyOrder("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}");
    }

    private static BatchResultErrorEntry failedEntry(String id) {
        return BatchResultErrorEntry.builder().id(id).code("InternalError").senderFault(false).message("try again").build();
    }

    @Test
    void f07_anUnreachableQueueMakesTheHandlerThrowSoLambdaRetries() {
        List<Written> range = write(2);
        SqsClient nowhere = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + freePort()))
                .region(LocalCredentials.REGION).credentialsProvider(LocalCredentials.provider())
                .httpClient(UrlConnectionHttpClient.create()).build();

        assertThatThrownBy(() -> handler(nowhere, ONE_MIB).handleRequest(OnFailureRecords.snsEvent(notification(range)),
                new LocalContext(Duration.ofSeconds(6))))
                .isInstanceOf(DeadLetterQueueException.class)
                .hasMessageContaining(dlq.url());
    }

    @Test
    void f08_aRecordLargerThanAMessageIsSentAsItsDigest() {
        int limit = 256 * 1024;
        byte[] huge = new byte[300 * 1024];
        Arrays.fill(huge, (byte) 'x');
        List<Written> range = stream.write(0, List.of("small".getBytes(StandardCharsets.UTF_8), huge));

        handler(limit).handleRequest(OnFailureRecords.snsEvent(notification(range)), new LocalContext(Duration.ofSeconds(60)));

        List<Map<String, Object>> records = records(dlq.drain());
        assertThat(records).hasSize(2);
        assertThat(records.get(1)).containsEntry("truncated", true).containsEntry("dataBytes", huge.length)
                .containsKey("dataSha256").doesNotContainKey("data").doesNotContainKey("text")
                .containsEntry("sequenceNumber", range.get(1).sequenceNumber());
        assertThat(records.get(0)).containsEntry("text", "small").doesNotContainKey("data");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"requestContext\":{\"condition\":\"RetryAttemptsExhausted\"}}",
            "{\"KinesisBatchInfo\":{\"shardId\":7,\"startSequenceNumber\":\"1\",\"endSequenceNumber\":\"2\",\"streamArn\":\"arn:aws:kinesis:us-east-1:000000000000:stream/s\"}}",
            "{\"KinesisBatchInfo\":{\"shardId\":\"shardId-0\",\"startSequenceNumber\":\"abc\",\"endSequenceNumber\":\"2\",\"streamArn\":\"arn:aws:kinesis:us-east-1:000000000000:stream/s\"}}",
            "{\"KinesisBatchInfo\":{\"shardId\":\"shardId-0\",\"startSequenceNumber\":\"9\",\"endSequenceNumber\":\"2\",\"streamArn\":\"arn:aws:kinesis:us-east-1:000000000000:stream/s\"}}"})
    void f09_aMalformedNotificationGoesToTheQueueAsReceivedWithoutRetries(String message) {
        handler(ONE_MIB).handleRequest(OnFailureRecords.snsEvent(message), new LocalContext(Duration.ofSeconds(60)));

        List<Message> messages = dlq.drain();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).body()).isEqualTo(message);
        assertThat(messages.get(0).messageAttributes().get("hydrationStatus").stringValue()).isEqualTo("UNPARSEABLE");
        assertThat(messages.get(0).messageAttributes().get("hydrationReason").stringValue()).isNotBlank();
        assertThat(kinesisFaults.calls(GetShardIteratorRequest.class)).isEmpty();
    }

    @Test
    void f09_aNotificationThatIsNotJsonGoesToTheQueueInBase64WithoutRetries() {
        handler(ONE_MIB).handleRequest(OnFailureRecords.snsEvent("not json at all"), new LocalContext(Duration.ofSeconds(60)));

        List<Message> messages = dlq.drain();
        assertThat(messages).hasSize(1);
        assertThat(body(messages.get(0))).isEqualTo(Map.of("unparseableBase64",
                Base64.getEncoder().encodeToString("not json at all".getBytes(StandardCharsets.UTF_8))));
        assertThat(messages.get(0).messageAttributes().get("hydrationStatus").stringValue()).isEqualTo("UNPARSEABLE");
        assertThat(messages.get(0).messageAttributes().get("hydrationReason").stringValue()).isNotBlank();
        assertThat(kinesisFaults.calls(GetShardIteratorRequest.class)).isEmpty();
    }

    @Test
    void f10_aNotificationDeliveredTwiceLandsOnceInAFifoQueue() {
        dlq = aws.newFifoQueue();
        List<Written> range = write(4);
        String message = notification(range);

        HydrateHandler handler = handler(ONE_MIB);
        handler.handleRequest(OnFailureRecords.snsEvent(message), new LocalContext(Duration.ofSeconds(60)));
        handler.handleRequest(OnFailureRecords.snsEvent(message), new LocalContext(Duration.ofSeconds(60)));

        List<Message> messages = dlq.drain();
        assertThat(messages).hasSize(1);
        assertExactly(messages, range);
        assertThat(messages.get(0).messageAttributes().get("batchKey").stringValue())
                .isEqualTo(stream.arn() + "/" + range.get(0).shardId() + "/" + range.get(0).sequenceNumber() + "-" + range.get(3).sequenceNumber());
    }

    @Test
    void f11_whenTimeRunsOutWhatWasReadIsSentWithWhereItStopped() {
        List<Written> range = write(40);
        kinesisFaults.changeEveryRequest(GetRecordsRequest.class, request -> request.toBuilder().limit(4).build())
                .delay(GetRecordsRequest.class, Duration.ofMillis(300));

        // 2 s of the 3.5 s are the reserve for sending: reading stops after about five pages.
        handler(ONE_MIB).handleRequest(OnFailureRecords.snsEvent(notification(range)), new LocalContext(Duration.ofMillis(3_500)));

        List<Message> messages = dlq.drain();
        List<Map<String, Object>> records = records(messages);
        assertThat(records).isNotEmpty().hasSizeLessThan(40);
        assertExactly(messages, range.subList(0, records.size()));
        String lastRead = range.get(records.size() - 1).sequenceNumber();
        assertThat(hydration(messages.get(0))).containsEntry("status", "INCOMPLETE").containsEntry("lastSequenceNumberRead", lastRead);
        assertThat(missing(messages.get(0))).singleElement().satisfies(gap -> assertThat(gap)
                .containsEntry("after", lastRead).containsEntry("through", range.get(39).sequenceNumber())
                .containsEntry("reason", "the Lambda ran out of time"));
    }

    @Test
    void f12_kplAggregatedRecordsAreSplitIntoTheirUserRecords() throws IOException {
        // Bytes written by the KPL's aggregation format (see hydrate-function's test resources kpl/README.md).
        byte[] aggregate = Base64.getMimeDecoder().decode(
                Files.readString(Path.of("../../hydrate-function/src/test/resources/kpl/three-records.b64")));
        List<Written> range = stream.write(0, List.of("plain".getBytes(StandardCharsets.UTF_8), aggregate));

        handler(ONE_MIB).handleRequest(OnFailureRecords.snsEvent(notification(range)), new LocalContext(Duration.ofSeconds(60)));

        List<Map<String, Object>> records = records(dlq.drain());
        assertThat(records).hasSize(4);
        assertThat(records.get(0)).containsEntry("sequenceNumber", range.get(0).sequenceNumber()).doesNotContainKey("subSequenceNumber");
        assertThat(records.subList(1, 4)).allSatisfy(record ->
                assertThat(record).containsEntry("sequenceNumber", range.get(1).sequenceNumber()));
        assertThat(records.subList(1, 4)).extracting(record -> record.get("subSequenceNumber")).containsExactly(0, 1, 2);
        assertThat(records.subList(1, 4)).extracting(record -> record.get("partitionKey"))
                .containsExactly("order-1", "order-2", "order-3");
        assertThat(records.get(1)).containsEntry("explicitHashKey", "170141183460469231731687303715884105728")
                .containsEntry("text", "{\"orderId\":\"o-1\",\"total\":12.5}").doesNotContainKey("data");
        assertThat(data(records.get(2))).isEqualTo(HexFormat.of().parseHex("00fffe80c3280a"));
        assertThat(records.get(2)).containsKey("data").doesNotContainKey("text");
        assertThat(data(records.get(3))).isEmpty();
    }

    @Test
    void f14_aStreamInAnotherRegionIsReadThroughThatRegion() {
        KinesisClient ireland = aws.kinesisMock().client(Region.EU_WEST_1);
        String name = "eu-stream-" + System.nanoTime();
        ireland.createStream(request -> request.streamName(name).shardCount(1));
        sleep(Duration.ofMillis(200));
        String arn = ireland.describeStreamSummary(request -> request.streamName(name)).streamDescriptionSummary().streamARN();
        TestStream euStream = new TestStream(ireland, arn, name);
        List<Written> range = euStream.write(0, List.of("a".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8)));

        handler(ONE_MIB).handleRequest(OnFailureRecords.snsEvent(OnFailureRecords.kinesis().streamArn(arn).covering(range).json()),
                new LocalContext(Duration.ofSeconds(60)));

        assertThat(arn).startsWith("arn:aws:kinesis:eu-west-1:");
        assertThat(regionsUsed).containsExactly(Region.EU_WEST_1);
        assertExactly(dlq.drain(), range);
    }

    /** What a service's error response carries; the SDK's retry policy reads the code. */
    private static AwsErrorDetails error(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
