package io.kinesishydrator.it;

import static io.kinesishydrator.testsupport.DeadLetters.data;
import static io.kinesishydrator.testsupport.DeadLetters.records;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.it.MultiStreamHydrateIT.OrderChanges;
import io.kinesishydrator.local.DynamoDbLocalServer;
import io.kinesishydrator.local.LambdaProcess;
import io.kinesishydrator.local.LambdaRuntimeApi;
import io.kinesishydrator.local.LocalCredentials;
import io.kinesishydrator.testsupport.DeadLetters;
import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.OnFailureRecords;
import io.kinesishydrator.testsupport.TestQueue;
import io.kinesishydrator.testsupport.TestStream;
import io.kinesishydrator.testsupport.TestStream.Written;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Both functions as built for deployment (the Makefile targets sam build runs), each in its own JVM under the
 * Lambda runtime interface client, on events from events/ and against the local servers.
 */
@ExtendWith(LocalAws.Extension.class)
class LambdaRuntimeIT {
    private static final Path ARTIFACTS = Path.of(System.getProperty("lambda.artifacts.dir", "target/lambda"));
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String CONSUMER_HANDLER = "io.kinesishydrator.consumer.KinesisConsumerHandler::handleRequest";
    private static final String DYNAMODB_CONSUMER_HANDLER = "io.kinesishydrator.consumer.DynamoDbStreamConsumerHandler::handleRequest";
    /** The processors template.yaml's consumers run by default, built with them (examples/order-processor). */
    private static final Map<String, String> ORDER_PROCESSOR =
            Map.of("RECORD_PROCESSOR", "io.kinesishydrator.examples.orders.OrderRecordProcessor");
    private static final Map<String, String> ORDER_CHANGE_PROCESSOR =
            Map.of("RECORD_PROCESSOR", "io.kinesishydrator.examples.orders.OrderChangeRecordProcessor");
    /** The hydrate's handler as template.yaml deploys it; one test runs the POJO HydrateHandler, which tests call directly. */
    private static final String HYDRATE_HANDLER = "io.kinesishydrator.hydrate.HydrateStreamHandler::handleRequest";

    private final LocalAws aws;

    LambdaRuntimeIT(LocalAws aws) {
        this.aws = aws;
    }

    private static String event(String file) throws IOException {
        return Files.readString(Path.of("../..", "events", file));
    }

    private static Map<String, Object> json(String text) throws IOException {
        return JSON.std.mapFrom(text);
    }

    private LambdaRuntimeApi.Result invoke(String function, String handler, Map<String, String> environment, String event) {
        return invoke(function, handler, environment, event, false);
    }

    /** The invocation's result, which must be a function error (init errors included) or not, as {@code error} says. */
    private LambdaRuntimeApi.Result invoke(String function, String handler, Map<String, String> environment, String event,
                                           boolean error) {
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start();
             LambdaProcess lambda = LambdaProcess.start(ARTIFACTS.resolve(function), handler, LambdaProcess.runtimeClasspathOfThisJvm(), environment, api)) {
            LambdaRuntimeApi.Result result = lambda.invoke(api, event, TIMEOUT);
            assertThat(result.error()).as("function error; output:%n%s", lambda.output()).isEqualTo(error);
            return result;
        }
    }

    /** A module the functions only test with must not ship: Maven's -am brings test dependencies into the build. */
    @Test
    void theFunctionFoldersHoldNoTestTooling() throws IOException {
        for (String function : List.of("ConsumerFunction", "HydrateFunction")) {
            try (var jars = Files.list(ARTIFACTS.resolve(function).resolve("lib"))) {
                assertThat(jars.map(jar -> jar.getFileName().toString()))
                        .as(function + "'s lib/")
                        .isNotEmpty()
                        .noneMatch(name -> name.startsWith("local-servers-") || name.startsWith("test-support-")
                                || name.startsWith("DynamoDBLocal-") || name.startsWith("elasticmq-")
                                || name.startsWith("junit-") || name.startsWith("assertj-"));
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theConsumerReportsThePoisonRecordOfTheEventFile() throws IOException {
        String event = event("kinesis-batch-poison.json");

        List<Map<String, Object>> records = (List<Map<String, Object>>) json(event).get("Records");
        String poison = (String) ((Map<String, Object>) records.get(1).get("kinesis")).get("sequenceNumber");
        LambdaRuntimeApi.Result result = invoke("ConsumerFunction", CONSUMER_HANDLER, ORDER_PROCESSOR, event);

        assertThat(json(result.body())).isEqualTo(Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", poison))));
    }

    @Test
    void theConsumerAcceptsAGoodBatch() throws IOException {
        LambdaRuntimeApi.Result result = invoke("ConsumerFunction", CONSUMER_HANDLER, ORDER_PROCESSOR, event("kinesis-batch.json"));

        assertThat(json(result.body())).isEqualTo(Map.of("batchItemFailures", List.of()));
    }

    @Test
    void aConsumerWithoutRecordProcessorFailsItsInitSayingSo() throws IOException {
        for (String handler : List.of(CONSUMER_HANDLER, DYNAMODB_CONSUMER_HANDLER)) {
            LambdaRuntimeApi.Result result = invoke("ConsumerFunction", handler, Map.of(), event("kinesis-batch.json"), true);

            assertThat(result.body()).as(handler).contains("RECORD_PROCESSOR is not set");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDynamoDbConsumerReportsThePoisonRecordOfTheEventFile() throws IOException {
        String event = event("dynamodb-stream-batch-poison.json");

        List<Map<String, Object>> records = (List<Map<String, Object>>) json(event).get("Records");
        String poison = (String) ((Map<String, Object>) records.get(1).get("dynamodb")).get("SequenceNumber");
        // The DynamoDB stream consumer deploys from the same build as the Kinesis one, with its own handler.
        LambdaRuntimeApi.Result result = invoke("ConsumerFunction", DYNAMODB_CONSUMER_HANDLER, ORDER_CHANGE_PROCESSOR, event);

        assertThat(json(result.body())).isEqualTo(Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", poison))));
    }


    /** The hydrate's environment: its queue, the local servers' endpoints and credentials; {@code endpoints} adds or replaces settings. */
    private Map<String, String> hydrateEnvironment(TestQueue dlq, Map<String, String> endpoints) {
        Map<String, String> environment = new HashMap<>(Map.of("DLQ_URL", dlq.url(),
                "AWS_ENDPOINT_URL_KINESIS", aws.kinesisMock().endpoint().toString(),
                "AWS_ENDPOINT_URL_SQS", aws.elasticMq().endpoint().toString(),
                "AWS_ENDPOINT_URL_S3", aws.s3Mock().endpoint().toString(),
                "AWS_REGION", LocalCredentials.REGION.id(),
                "AWS_ACCESS_KEY_ID", LocalCredentials.ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", LocalCredentials.SECRET_ACCESS_KEY));
        environment.putAll(endpoints);
        return environment;
    }

    private Map<String, String> hydrateEnvironment(TestQueue dlq) {
        return hydrateEnvironment(dlq, Map.of());
    }

    /** The deployed hydrate handler's result for {@code event}, which must not be a function error. */
    private LambdaRuntimeApi.Result hydrate(Map<String, String> environment, String event) {
        return invoke("HydrateFunction", HYDRATE_HANDLER, environment, event);
    }

    /** An SNS event of {@code messages}, one record each, shaped like the events/ file's. */
    @SuppressWarnings("unchecked")
    static String snsEvent(String... messages) throws IOException {
        Map<String, Object> template = ((List<Map<String, Object>>) json(event("sns-onfailure-retries-exhausted.json")).get("Records")).get(0);
        List<Map<String, Object>> records = new ArrayList<>();
        for (String message : messages) {
            Map<String, Object> sns = new LinkedHashMap<>((Map<String, Object>) template.get("Sns"));
            sns.put("Message", message);
            Map<String, Object> record = new LinkedHashMap<>(template);
            record.put("Sns", sns);
            records.add(record);
        }
        return JSON.std.asString(Map.of("Records", records));
    }

    /** An S3 event naming each of {@code keys} in {@code bucket}, one record each, shaped like the events/ file's. */
    @SuppressWarnings("unchecked")
    static String s3Event(String bucket, List<String> keys) throws IOException {
        List<Object> records = new ArrayList<>();
        for (String key : keys) {
            records.addAll((List<Object>) json(S3IntakeIT.s3Event(bucket, key)).get("Records"));
        }
        return JSON.std.asString(Map.of("Records", records));
    }

    /**
     * Receives {@code count} messages from {@code queue} and makes of them the SQS event an event source mapping
     * invokes with: each record's fields as Lambda writes them, from the message as received.
     */
    private String sqsEventOfReceived(TestQueue queue, int count) throws IOException {
        String queueArn = aws.sqs().getQueueAttributes(request -> request.queueUrl(queue.url())
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        List<Message> received = new ArrayList<>();
        for (int receive = 0; receive < 10 && received.size() < count; receive++) {
            received.addAll(aws.sqs().receiveMessage(request -> request.queueUrl(queue.url()).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages());
        }
        assertThat(received).as("messages received").hasSize(count);
        List<Map<String, Object>> records = new ArrayList<>();
        for (Message message : received) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            record.put("attributes", message.attributesAsStrings());
            record.put("messageAttributes", Map.of());
            record.put("md5OfBody", message.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", LocalCredentials.REGION.id());
            records.add(record);
        }
        return JSON.std.asString(Map.of("Records", records));
    }

    /** A new bucket on S3Mock holding {@code objects}, key to content. */
    private String bucketHolding(Map<String, String> objects) {
        String bucket = "failures-" + UUID.randomUUID();
        try (S3Client s3 = aws.s3Mock().client()) {
            s3.createBucket(request -> request.bucket(bucket));
            objects.forEach((key, content) -> s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromString(content)));
        }
        return bucket;
    }

    /** A key as an S3 OnFailure destination names its objects. */
    private static String onFailureKey() {
        return "aws/lambda/" + UUID.randomUUID() + "/shardId-000000000000/2025/11/26/2025-11-26T21.03.11-" + UUID.randomUUID();
    }

    private static String hydrationStatus(Message message) {
        return message.messageAttributes().get("hydrationStatus").stringValue();
    }

    @Test
    void theHydrateSendsTheFailedRangeToTheQueueThroughStandardEndpointSettings() throws IOException {
        TestStream stream = aws.newStream(1);
        TestQueue dlq = aws.newQueue();
        List<Written> written = stream.write(0, MultiStreamHydrateIT.texts("record-", 12));
        List<Written> range = written.subList(2, 9);

        LambdaRuntimeApi.Result result = hydrate(hydrateEnvironment(dlq),
                snsEvent(OnFailureRecords.kinesis().streamArn(stream.arn()).covering(range).json()));

        assertThat(json(result.body())).containsEntry("recordsHydrated", 7).containsEntry("statuses", List.of("COMPLETE"));
        List<Message> messages = dlq.drain();
        assertThat(records(messages)).extracting(DeadLetters::data).map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .containsExactly("record-2", "record-3", "record-4", "record-5", "record-6", "record-7", "record-8");
        assertThat(records(messages).stream().map(record -> data(record).length)).allMatch(length -> length == 8);
    }

    @Test
    void theHydrateStillQueuesADynamoDbNotificationItCannotRead() throws IOException {
        TestQueue dlq = aws.newQueue();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        LambdaRuntimeApi.Result result = hydrate(hydrateEnvironment(dlq,
                        Map.of("AWS_ENDPOINT_URL_DYNAMODB_STREAMS", "http://127.0.0.1:" + closedPort)),
                event("sns-onfailure-dynamodb-stream.json"));

        assertThat(json(result.body())).containsEntry("statuses", List.of("INCOMPLETE"));
        List<Message> messages = dlq.drain();
        assertThat(messages).hasSize(1);
        assertThat(DeadLetters.body(messages.get(0))).containsKey("DDBStreamBatchInfo");
        assertThat((String) DeadLetters.hydration(messages.get(0)).get("reason")).startsWith("reading the shard failed");
    }

    @Test
    void theHydrateReadsADynamoDbStreamRangeThroughStandardEndpointSettings() throws IOException {
        TestQueue dlq = aws.newQueue();
        try (DynamoDbLocalServer dynamoDb = DynamoDbLocalServer.start();
             DynamoDbClient tables = dynamoDb.dynamoDb();
             DynamoDbStreamsClient streams = dynamoDb.streams()) {
            OrderChanges orders = OrderChanges.put(tables, streams, 8);

            LambdaRuntimeApi.Result result = invoke("HydrateFunction", "io.kinesishydrator.hydrate.HydrateHandler::handleRequest",
                    hydrateEnvironment(dlq, Map.of("AWS_ENDPOINT_URL_DYNAMODB_STREAMS", dynamoDb.endpoint().toString())),
                    snsEvent(orders.onFailureRecord(2, 6)));

            assertThat(json(result.body())).containsEntry("recordsHydrated", 4).containsEntry("statuses", List.of("COMPLETE"));
            assertThat(records(dlq.drain())).extracting(record -> record.get("keys"))
                    .containsExactly(Map.of("id", "order-2"), Map.of("id", "order-3"), Map.of("id", "order-4"), Map.of("id", "order-5"));
        }
    }

    @Test
    void theHydrateTakesAnSqsEventAndQueuesAMalformedBodyWithoutAFailure() throws IOException {
        TestStream stream = aws.newStream(1);
        TestQueue dlq = aws.newQueue();
        List<Written> range = stream.write(0, MultiStreamHydrateIT.texts("sqs-", 3));

        LambdaRuntimeApi.Result result = hydrate(hydrateEnvironment(dlq),
                SqsIntakeIT.sqsEvent(OnFailureRecords.kinesis().streamArn(stream.arn()).covering(range).json(), "{not json"));

        assertThat(json(result.body())).isEqualTo(Map.of("batchItemFailures", List.of()));
        assertThat(dlq.drain()).extracting(LambdaRuntimeIT::hydrationStatus).containsExactlyInAnyOrder("COMPLETE", "UNPARSEABLE");
    }

    @Test
    void theHydrateTakesMessagesReceivedFromAQueueWithARangeOfEachStreamKind() throws IOException {
        TestStream stream = aws.newStream(1);
        List<Written> range = stream.write(0, MultiStreamHydrateIT.texts("queued-", 5)).subList(1, 4);
        TestQueue failures = aws.newQueue();
        TestQueue dlq = aws.newQueue();
        try (DynamoDbLocalServer dynamoDb = DynamoDbLocalServer.start();
             DynamoDbClient tables = dynamoDb.dynamoDb();
             DynamoDbStreamsClient streams = dynamoDb.streams()) {
            OrderChanges orders = OrderChanges.put(tables, streams, 4);
            failures.send(OnFailureRecords.kinesis().streamArn(stream.arn()).covering(range).json());
            failures.send(orders.onFailureRecord(1, 3));

            LambdaRuntimeApi.Result result = hydrate(hydrateEnvironment(dlq,
                    Map.of("AWS_ENDPOINT_URL_DYNAMODB_STREAMS", dynamoDb.endpoint().toString())), sqsEventOfReceived(failures, 2));

            assertThat(json(result.body())).isEqualTo(Map.of("batchItemFailures", List.of()));
            List<Message> messages = dlq.drain();
            assertThat(messages).extracting(LambdaRuntimeIT::hydrationStatus).containsExactly("COMPLETE", "COMPLETE");
            MultiStreamHydrateIT.assertKinesisRange(MultiStreamHydrateIT.messageOf(messages, "KinesisBatchInfo", stream.arn()), range);
            assertThat(records(List.of(MultiStreamHydrateIT.messageOf(messages, "DDBStreamBatchInfo", orders.streamArn()))))
                    .extracting(record -> record.get("keys")).containsExactly(Map.of("id", "order-1"), Map.of("id", "order-2"));
        }
    }

    @Test
    void theHydrateTakesAnS3EventAndQueuesTheObjectsRecordsByteForByteWithoutCallingKinesis() throws IOException {
        TestQueue dlq = aws.newQueue();
        String key = "aws/lambda/4f2b1d6e-8c3a-4e57-9a1b-2c3d4e5f6a7b/shardId-000000000000/2025/11/26/2025-11-26T21.03.11-x y";
        String record = OnFailureRecords.kinesis().streamArn("arn:aws:kinesis:us-east-1:000000000000:stream/gone")
                .shardId("shardId-000000000000").startSequenceNumber("100").endSequenceNumber("200").batchSize(2).json();
        byte[] binary = {(byte) 0xff, 0, 1, (byte) 0xc3, 0x28};
        byte[] text = "{\"order\":\"é-1\"}".getBytes(StandardCharsets.UTF_8);
        String bucket = bucketHolding(Map.of(key, S3IntakeIT.onFailureObject(record,
                Map.of("Records", List.of(S3IntakeIT.kinesisRecord("100", binary), S3IntakeIT.kinesisRecord("200", text))))));

        try (Tripwire kinesis = Tripwire.start()) {
            LambdaRuntimeApi.Result result = hydrate(hydrateEnvironment(dlq, Map.of("AWS_ENDPOINT_URL_KINESIS", kinesis.endpoint())),
                    S3IntakeIT.s3Event(bucket, key));

            assertThat(json(result.body())).containsEntry("recordsHydrated", 2).containsEntry("statuses", List.of("COMPLETE"));
            assertThat(records(dlq.drain())).extracting(DeadLetters::data).containsExactly(binary, text);
            assertThat(kinesis.connections()).as("connections to Kinesis").isZero();
        }
    }

    @Test
    void theHydrateQueuesAnObjectThatIsNotJsonAndOneThatIsGoneAsReferencesWithoutFailing() throws IOException {
        TestQueue dlq = aws.newQueue();
        String malformed = onFailureKey();
        String deleted = onFailureKey();
        String bucket = bucketHolding(Map.of(malformed, "this is not JSON", deleted, "{}"));
        try (S3Client s3 = aws.s3Mock().client()) {
            s3.deleteObject(request -> request.bucket(bucket).key(deleted));
        }

        LambdaRuntimeApi.Result result = hydrate(hydrateEnvironment(dlq), s3Event(bucket, List.of(malformed, deleted)));

        assertThat(json(result.body())).containsEntry("recordsHydrated", 0).containsEntry("statuses", List.of("UNPARSEABLE", "UNPARSEABLE"));
        List<Message> messages = dlq.drain();
        assertThat(messages).hasSize(2).allSatisfy(message -> assertThat(hydrationStatus(message)).isEqualTo("UNPARSEABLE"));
        assertThat(reasonForObject(messages, bucket, malformed)).startsWith("the object is not a JSON object");
        assertThat(reasonForObject(messages, bucket, deleted)).isEqualTo("the object is gone (NoSuchKey)");
    }

    /** The reason of the one message that names the object at {@code key} as its body. */
    private static String reasonForObject(List<Message> messages, String bucket, String key) {
        Map<String, Object> reference = Map.of("onFailureObject", Map.of("bucket", bucket, "key", key));
        List<Message> naming = messages.stream().filter(message -> DeadLetters.body(message).equals(reference)).toList();
        assertThat(naming).as("messages naming %s", key).hasSize(1);
        return naming.get(0).messageAttributes().get("hydrationReason").stringValue();
    }

    @Test
    void theHydrateKeepsAnUnknownConditionANullFunctionErrorAndNoResponseContextAsWritten() throws IOException {
        TestStream stream = aws.newStream(1);
        List<Written> written = stream.write(0, MultiStreamHydrateIT.texts("kept-", 6));
        TestQueue dlq = aws.newQueue();
        OnFailureRecords onFailure = OnFailureRecords.kinesis().streamArn(stream.arn());
        Map<String, List<Written>> ranges = new LinkedHashMap<>();
        ranges.put(onFailure.condition("ConditionNotYetKnown").covering(written.subList(0, 2)).json(), written.subList(0, 2));
        ranges.put(onFailure.covering(written.subList(2, 4)).json(), written.subList(2, 4));
        ranges.put(withoutResponseContext(onFailure.covering(written.subList(4, 6)).json()), written.subList(4, 6));
        assertThat(ranges.keySet()).filteredOn(record -> record.contains("\"functionError\":null")).hasSize(2);

        LambdaRuntimeApi.Result result = hydrate(hydrateEnvironment(dlq), SqsIntakeIT.sqsEvent(ranges.keySet().toArray(String[]::new)));

        assertThat(json(result.body())).isEqualTo(Map.of("batchItemFailures", List.of()));
        List<Message> messages = dlq.drain();
        assertThat(messages).hasSize(3);
        ranges.forEach((record, range) -> {
            // The body is the record as written, its closing brace aside, with the hydration and records added.
            String asWritten = record.substring(0, record.lastIndexOf('}'));
            List<Message> keeping = messages.stream().filter(message -> message.body().startsWith(asWritten)).toList();
            assertThat(keeping).as("messages keeping %s", record).hasSize(1);
            assertThat(hydrationStatus(keeping.get(0))).isEqualTo("COMPLETE");
            assertThat(DeadLetters.hydration(keeping.get(0)).get("reason")).isNull();
            assertThat(keeping.get(0).messageAttributes()).doesNotContainKey("hydrationReason");
            MultiStreamHydrateIT.assertKinesisRange(keeping.get(0), range);
        });
    }

    private static String withoutResponseContext(String record) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>(json(record));
        assertThat(fields.remove("responseContext")).isNotNull();
        return JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES).asString(fields);
    }

    /** A loopback port that counts the connections made to it, closing each: the endpoint of a service the function must not call. */
    private static final class Tripwire implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();

        private Tripwire(ServerSocket socket) {
            this.socket = socket;
        }

        static Tripwire start() throws IOException {
            Tripwire tripwire = new Tripwire(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            Thread acceptor = new Thread(tripwire::acceptUntilClosed, "tripwire-" + tripwire.socket.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
            return tripwire;
        }

        private void acceptUntilClosed() {
            while (true) {
                try (Socket connection = socket.accept()) {
                    connections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        String endpoint() {
            return "http://" + socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
