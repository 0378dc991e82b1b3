package io.kinesishydrator.it;

import static io.kinesishydrator.testsupport.DeadLetters.data;
import static io.kinesishydrator.testsupport.DeadLetters.records;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.local.DynamoDbLocal;
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
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.model.Message;

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

    /** The runtime interface client and its dependencies from this JVM's classpath; none of the functions' classes. */
    private static List<Path> runtimeClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of)
                .filter(jar -> {
                    String name = jar.getFileName().toString();
                    return name.startsWith("aws-lambda-java-runtime-interface-client-") || name.startsWith("aws-lambda-java-core-")
                            || name.startsWith("aws-lambda-java-serialization-") || name.startsWith("utils-lite-");
                })
                .toList();
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
             LambdaProcess lambda = LambdaProcess.start(ARTIFACTS.resolve(function), handler, runtimeClasspath(), environment, api)) {
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

    @Test
    @SuppressWarnings("unchecked")
    void theHydrateSendsTheFailedRangeToTheQueueThroughStandardEndpointSettings() throws IOException {
        TestStream stream = aws.newStream(1);
        TestQueue dlq = aws.newQueue();
        List<Written> written = stream.write(0, IntStream.range(0, 12)
                .mapToObj(i -> ("record-" + i).getBytes(StandardCharsets.UTF_8)).toList());
        List<Written> range = written.subList(2, 9);
        Map<String, Object> event = json(event("sns-onfailure-retries-exhausted.json"));
        ((Map<String, Object>) ((List<Map<String, Object>>) event.get("Records")).get(0).get("Sns"))
                .put("Message", OnFailureRecords.kinesis().streamArn(stream.arn()).covering(range).json());

        LambdaRuntimeApi.Result result = invoke("HydrateFunction", HYDRATE_HANDLER,
                Map.of("DLQ_URL", dlq.url(),
                        "AWS_ENDPOINT_URL_KINESIS", aws.kinesisMock().endpoint().toString(),
                        "AWS_ENDPOINT_URL_SQS", aws.elasticMq().endpoint().toString(),
                        "AWS_REGION", LocalCredentials.REGION.id(),
                        "AWS_ACCESS_KEY_ID", LocalCredentials.ACCESS_KEY_ID,
                        "AWS_SECRET_ACCESS_KEY", LocalCredentials.SECRET_ACCESS_KEY),
                JSON.std.asString(event));

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

        LambdaRuntimeApi.Result result = invoke("HydrateFunction", HYDRATE_HANDLER,
                Map.of("DLQ_URL", dlq.url(),
                        "AWS_ENDPOINT_URL_DYNAMODB_STREAMS", "http://127.0.0.1:" + closedPort,
                        "AWS_ENDPOINT_URL_SQS", aws.elasticMq().endpoint().toString(),
                        "AWS_REGION", LocalCredentials.REGION.id(),
                        "AWS_ACCESS_KEY_ID", LocalCredentials.ACCESS_KEY_ID,
                        "AWS_SECRET_ACCESS_KEY", LocalCredentials.SECRET_ACCESS_KEY),
                event("sns-onfailure-dynamodb-stream.json"));

        assertThat(json(result.body())).containsEntry("statuses", List.of("INCOMPLETE"));
        List<Message> messages = dlq.drain();
        assertThat(messages).hasSize(1);
        assertThat(DeadLetters.body(messages.get(0))).containsKey("DDBStreamBatchInfo");
        assertThat((String) DeadLetters.hydration(messages.get(0)).get("reason")).startsWith("reading the shard failed");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHydrateReadsADynamoDbStreamRangeThroughStandardEndpointSettings() throws IOException {
        TestQueue dlq = aws.newQueue();
        try (DynamoDbLocalServer dynamoDb = DynamoDbLocalServer.start();
             DynamoDbClient tables = dynamoDb.dynamoDb();
             DynamoDbStreamsClient streams = dynamoDb.streams()) {
            String streamArn = DynamoDbLocal.createTableWithStream(tables, "orders", "id");
            for (int i = 0; i < 8; i++) {
                int order = i;
                tables.putItem(request -> request.tableName("orders").item(Map.of("id", AttributeValue.fromS("order-" + order))));
            }
            String shardId = streams.describeStream(request -> request.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
            String iterator = streams.getShardIterator(request -> request.streamArn(streamArn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            List<software.amazon.awssdk.services.dynamodb.model.Record> range =
                    streams.getRecords(request -> request.shardIterator(iterator)).records().subList(2, 6);
            Map<String, Object> event = json(event("sns-onfailure-dynamodb-stream.json"));
            ((Map<String, Object>) ((List<Map<String, Object>>) event.get("Records")).get(0).get("Sns"))
                    .put("Message", OnFailureRecords.dynamoDbStream().streamArn(streamArn).shardId(shardId)
                            .startSequenceNumber(range.get(0).dynamodb().sequenceNumber())
                            .endSequenceNumber(range.get(3).dynamodb().sequenceNumber()).batchSize(4).json());

            LambdaRuntimeApi.Result result = invoke("HydrateFunction", "io.kinesishydrator.hydrate.HydrateHandler::handleRequest",
                    Map.of("DLQ_URL", dlq.url(),
                            "AWS_ENDPOINT_URL_DYNAMODB_STREAMS", dynamoDb.endpoint().toString(),
                            "AWS_ENDPOINT_URL_SQS", aws.elasticMq().endpoint().toString(),
                            "AWS_REGION", LocalCredentials.REGION.id(),
                            "AWS_ACCESS_KEY_ID", LocalCredentials.ACCESS_KEY_ID,
                            "AWS_SECRET_ACCESS_KEY", LocalCredentials.SECRET_ACCESS_KEY),
                    JSON.std.asString(event));

            assertThat(json(result.body())).containsEntry("recordsHydrated", 4).containsEntry("statuses", List.of("COMPLETE"));
            assertThat(records(dlq.drain())).extracting(record -> record.get("keys"))
                    .containsExactly(Map.of("id", "order-2"), Map.of("id", "order-3"), Map.of("id", "order-4"), Map.of("id", "order-5"));
        }
    }

    private Map<String, String> hydrateEnvironment(TestQueue dlq) {
        return Map.of("DLQ_URL", dlq.url(),
                "AWS_ENDPOINT_URL_KINESIS", aws.kinesisMock().endpoint().toString(),
                "AWS_ENDPOINT_URL_SQS", aws.elasticMq().endpoint().toString(),
                "AWS_ENDPOINT_URL_S3", aws.s3Mock().endpoint().toString(),
                "AWS_REGION", LocalCredentials.REGION.id(),
                "AWS_ACCESS_KEY_ID", LocalCredentials.ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", LocalCredentials.SECRET_ACCESS_KEY);
    }

    @Test
    void theHydrateTakesAnSqsEventAndQueuesAMalformedBodyWithoutAFailure() throws IOException {
        TestStream stream = aws.newStream(1);
        TestQueue dlq = aws.newQueue();
        List<Written> range = stream.write(0, IntStream.range(0, 3).mapToObj(i -> ("sqs-" + i).getBytes(StandardCharsets.UTF_8)).toList());

        LambdaRuntimeApi.Result result = invoke("HydrateFunction", HYDRATE_HANDLER, hydrateEnvironment(dlq),
                SqsIntakeIT.sqsEvent(OnFailureRecords.kinesis().streamArn(stream.arn()).covering(range).json(), "{not json"));

        assertThat(json(result.body())).isEqualTo(Map.of("batchItemFailures", List.of()));
        List<Message> messages = dlq.drain();
        assertThat(messages).extracting(message -> message.messageAttributes().get("hydrationStatus").stringValue())
                .containsExactlyInAnyOrder("COMPLETE", "UNPARSEABLE");
    }

    @Test
    void theHydrateTakesAnS3EventAndReadsTheObjectThroughStandardEndpointSettings() throws IOException {
        TestQueue dlq = aws.newQueue();
        String bucket = "failures-" + java.util.UUID.randomUUID();
        String key = "aws/lambda/4f2b1d6e-8c3a-4e57-9a1b-2c3d4e5f6a7b/shardId-000000000000/2025/11/26/2025-11-26T21.03.11-x y";
        String record = OnFailureRecords.kinesis().streamArn("arn:aws:kinesis:us-east-1:000000000000:stream/gone")
                .shardId("shardId-000000000000").startSequenceNumber("100").endSequenceNumber("100").batchSize(1).json();
        byte[] binary = {(byte) 0xff, 0, 1};
        try (var s3 = aws.s3Mock().client()) {
            s3.createBucket(request -> request.bucket(bucket));
            s3.putObject(request -> request.bucket(bucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromString(
                    S3IntakeIT.onFailureObject(record, Map.of("Records", List.of(S3IntakeIT.kinesisRecord("100", binary))))));
        }

        LambdaRuntimeApi.Result result = invoke("HydrateFunction", HYDRATE_HANDLER, hydrateEnvironment(dlq), S3IntakeIT.s3Event(bucket, key));

        assertThat(json(result.body())).containsEntry("recordsHydrated", 1).containsEntry("statuses", List.of("COMPLETE"));
        assertThat(records(dlq.drain())).extracting(DeadLetters::data).containsExactly(binary);
    }
}
