package io.kinesishydrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.it.SigningKeyRecorder.Signature;
import io.kinesishydrator.local.LambdaProcess;
import io.kinesishydrator.local.LambdaRuntimeApi;
import io.kinesishydrator.local.LocalCredentials;
import io.kinesishydrator.local.MotoServer;
import io.kinesishydrator.testsupport.DeadLetters;
import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.OnFailureRecords;
import io.kinesishydrator.testsupport.TestQueue;
import io.kinesishydrator.testsupport.TestStream;
import io.kinesishydrator.testsupport.TestStream.Written;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The hydrate as built for deployment, under the Lambda runtime interface client, with
 * {@code CROSS_ACCOUNT_ROLE_ARN} set: STS is moto's server, Kinesis is kinesis-mock behind a
 * {@link SigningKeyRecorder} that shows which credentials signed the function's Kinesis calls. kinesis-mock's
 * streams are in account 000000000000, so a role there is the stream account's role. The function's JVM logs the
 * classes it loads, to show that STS is loaded only for a stream of the role's account.
 */
@ExtendWith(LocalAws.Extension.class)
class CrossAccountHydrateIT {
    private static final Path ARTIFACTS = Path.of(System.getProperty("lambda.artifacts.dir", "target/lambda"));
    private static final String HYDRATE_HANDLER = "io.kinesishydrator.hydrate.HydrateStreamHandler::handleRequest";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String ROLE_IN_STREAM_ACCOUNT = "arn:aws:iam::" + LocalCredentials.ACCOUNT_ID + ":role/stream-reader";
    private static final String ROLE_IN_ANOTHER_ACCOUNT = "arn:aws:iam::111111111111:role/stream-reader";
    private static final String STS_PACKAGE = "software.amazon.awssdk.services.sts.";

    private static MotoServer moto;

    private final LocalAws aws;
    @TempDir
    Path scratch;

    CrossAccountHydrateIT(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeAll
    static void startSts() {
        moto = MotoServer.start();
    }

    @AfterAll
    static void stopSts() {
        moto.close();
    }

    @Test
    void aStreamOfTheRolesAccountIsReadWithTheAssumedRolesCredentials() throws IOException {
        TestStream stream = aws.newStream(1);
        TestQueue dlq = aws.newQueue();
        List<Written> range = stream.write(0, payloads(5));

        try (SigningKeyRecorder kinesis = SigningKeyRecorder.inFrontOf(aws.kinesisMock().endpoint())) {
            Map<String, Object> summary = hydrate(stream, range, dlq, ROLE_IN_STREAM_ACCOUNT, moto.endpoint(), kinesis.endpoint());

            assertThat(summary).containsEntry("recordsHydrated", 5).containsEntry("statuses", List.of("COMPLETE"));
            // moto's temporary credentials: an ASIA key with a session token, never the function's own key.
            assertThat(kinesis.signatures()).isNotEmpty().allSatisfy(signature -> {
                assertThat(signature.accessKeyId()).startsWith("ASIA").isNotEqualTo(LocalCredentials.ACCESS_KEY_ID);
                assertThat(signature.sessionToken()).isTrue();
            });
        }
        assertThat(DeadLetters.records(dlq.drain())).hasSize(5);
        assertThat(classesLoaded()).anyMatch(name -> name.startsWith(STS_PACKAGE));
    }

    @Test
    void aStreamOfAnotherAccountThanTheRolesIsReadWithTheFunctionsOwnCredentialsWithoutLoadingSts() throws IOException {
        TestStream stream = aws.newStream(1);
        TestQueue dlq = aws.newQueue();
        List<Written> range = stream.write(0, payloads(3));

        try (SigningKeyRecorder kinesis = SigningKeyRecorder.inFrontOf(aws.kinesisMock().endpoint())) {
            Map<String, Object> summary = hydrate(stream, range, dlq, ROLE_IN_ANOTHER_ACCOUNT, moto.endpoint(), kinesis.endpoint());

            assertThat(summary).containsEntry("recordsHydrated", 3).containsEntry("statuses", List.of("COMPLETE"));
            assertThat(kinesis.signatures()).isNotEmpty()
                    .containsOnly(new Signature(LocalCredentials.ACCESS_KEY_ID, false));
        }
        assertThat(classesLoaded()).isNotEmpty().noneMatch(name -> name.startsWith(STS_PACKAGE));
    }

    @Test
    void aRoleThatCannotBeAssumedLeavesTheNotificationInTheQueueWithAReasonNamingTheRole() throws IOException {
        TestStream stream = aws.newStream(1);
        TestQueue dlq = aws.newQueue();
        List<Written> range = stream.write(0, payloads(2));

        try (SigningKeyRecorder kinesis = SigningKeyRecorder.inFrontOf(aws.kinesisMock().endpoint())) {
            Map<String, Object> summary = hydrate(stream, range, dlq, ROLE_IN_STREAM_ACCOUNT, closedPort(), kinesis.endpoint());

            assertThat(summary).containsEntry("recordsHydrated", 0).containsEntry("statuses", List.of("INCOMPLETE"));
            assertThat(kinesis.signatures()).as("Kinesis calls without the role's credentials").isEmpty();
        }
        List<Message> messages = dlq.drain();
        assertThat(messages).hasSize(1);
        assertThat(DeadLetters.body(messages.get(0))).containsKey("KinesisBatchInfo");
        assertThat((String) DeadLetters.hydration(messages.get(0)).get("reason"))
                .startsWith("reading the shard failed").contains("could not assume role " + ROLE_IN_STREAM_ACCOUNT);
    }

    /** Runs the hydrate on an SNS OnFailure notification of {@code range} and returns its summary. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> hydrate(TestStream stream, List<Written> range, TestQueue dlq, String role, URI sts, URI kinesis)
            throws IOException {
        Map<String, Object> event = JSON.std.mapFrom(Files.readString(Path.of("../..", "events", "sns-onfailure-retries-exhausted.json")));
        ((Map<String, Object>) ((List<Map<String, Object>>) event.get("Records")).get(0).get("Sns"))
                .put("Message", OnFailureRecords.kinesis().streamArn(stream.arn()).covering(range).json());
        Map<String, String> environment = new HashMap<>(Map.of("DLQ_URL", dlq.url(),
                "CROSS_ACCOUNT_ROLE_ARN", role,
                "AWS_ENDPOINT_URL_STS", sts.toString(),
                "AWS_ENDPOINT_URL_KINESIS", kinesis.toString(),
                "AWS_ENDPOINT_URL_SQS", aws.elasticMq().endpoint().toString(),
                "AWS_REGION", LocalCredentials.REGION.id(),
                "AWS_ACCESS_KEY_ID", LocalCredentials.ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", LocalCredentials.SECRET_ACCESS_KEY));
        environment.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + scratch.resolve("classes.log"));
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start();
             LambdaProcess lambda = LambdaProcess.start(ARTIFACTS.resolve("HydrateFunction"), HYDRATE_HANDLER, LambdaProcess.runtimeClasspathOfThisJvm(),
                     environment, api)) {
            LambdaRuntimeApi.Result result = lambda.invoke(api, JSON.std.asString(event), TIMEOUT);
            assertThat(result.error()).as("function error; output:%n%s", lambda.output()).isFalse();
            return JSON.std.mapFrom(result.body());
        }
    }

    /** The names of the classes the function's JVM loaded, from its class-loading log. */
    private List<String> classesLoaded() throws IOException {
        // Each line: [uptime][info][class,load] <class name> source: <where from>
        return Files.readAllLines(scratch.resolve("classes.log")).stream()
                .map(line -> line.substring(line.lastIndexOf("] ") + 2).split(" ", 2)[0])
                .toList();
    }

    private static List<byte[]> payloads(int count) {
        return IntStream.range(0, count).mapToObj(i -> ("record-" + i).getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** An endpoint nothing listens on: the port was free a moment ago, and is closed again. */
    private static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }
}
