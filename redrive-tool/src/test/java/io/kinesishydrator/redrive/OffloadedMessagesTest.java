package io.kinesishydrator.redrive;

import static io.kinesishydrator.testsupport.OnFailureRecords.RETRY_ATTEMPTS_EXHAUSTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.local.LocalCredentials;
import io.kinesishydrator.testsupport.FaultInjector;
import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.TestQueue;
import io.kinesishydrator.testsupport.TestStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Dead-letter messages offloaded to S3 by the SQS Extended Client, redriven against kinesis-mock, ElasticMQ and
 * S3Mock. One recorder on the three clients sees every call in the order the redrive made it.
 */
@ExtendWith(LocalAws.Extension.class)
class OffloadedMessagesTest {
    private static final int LARGEST_RECORD_KIB = 10240;
    private static final BigInteger FIRST = new BigInteger("49650000000000000000000000000000000000000000000000000000");

    private final LocalAws aws;
    private final FaultInjector calls = new FaultInjector();
    private final StringWriter output = new StringWriter();
    private TestStream source;
    private TestStream target;
    private TestQueue queue;
    private Offloading offloading;
    private KinesisClient kinesis;
    private SqsClient sqs;
    private S3Client s3;

    OffloadedMessagesTest(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void freshStreamsQueueAndBucket() {
        source = aws.newStream(1);
        target = aws.newStream(1);
        queue = aws.newQueue();
        offloading = new Offloading(aws);
        kinesis = aws.kinesisMock().client(LocalCredentials.REGION, calls);
        sqs = aws.elasticMq().client(calls);
        s3 = S3Client.builder().endpointOverride(aws.s3Mock().endpoint()).forcePathStyle(true).region(LocalCredentials.REGION)
                .credentialsProvider(LocalCredentials.provider()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config -> config.addExecutionInterceptor(calls)).build();
    }

    @AfterEach
    void closeClients() {
        kinesis.close();
        sqs.close();
        s3.close();
        offloading.close();
    }

    private RedriveSummary redrive(boolean dryRun) {
        RedriveOptions options = RedriveOptions.builder().toStream(target.arn()).mark(MarkMode.NONE).dryRun(dryRun).build();
        Destinations destinations = new Destinations(region -> kinesis, LocalCredentials.REGION, client -> PutRecordsSender.builder(client)
                .maxBytesPerRecord(PutRecordsSender.LARGEST_MAX_BYTES_PER_RECORD).maxAttempts(4).sleeper(wait -> { }).build());
        RedriveSummary summary = new RedriveSummary(dryRun);
        new DeadLetterRedriver(DeadLetterQueue.open(sqs, queue.url()), Offloading.bodies(s3), destinations, options,
                new PrintWriter(output, true)).run(summary);
        summary.print(new PrintWriter(output, true));
        return summary;
    }

    private void raiseMaxRecordSize(TestStream stream) {
        aws.kinesis().updateMaxRecordSize(request -> request.streamARN(stream.arn()).maxRecordSizeInKiB(LARGEST_RECORD_KIB));
    }

    /** Records as a failed batch holds them, never written to a stream: the redrive only puts them. */
    private static List<TestStream.Written> batch(List<TestStream.Payload> payloads) {
        List<TestStream.Written> records = new ArrayList<>();
        for (TestStream.Payload payload : payloads) {
            records.add(new TestStream.Written("shardId-000000000000", FIRST.add(BigInteger.valueOf(records.size())).toString(),
                    payload.partitionKey(), payload.data()));
        }
        return records;
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** UTF-8 text of {@code size} bytes, two-byte characters included, which the hydrate writes to {@code text}. */
    private static byte[] text(int size) {
        String unit = "{\"note\":\"café\"},";
        int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
        return (unit.repeat(size / unitBytes) + "x".repeat(size % unitBytes)).getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> recordsOf(String body) throws Exception {
        return (List<Map<String, Object>>) JSON.std.mapFrom(body).get("records");
    }

    private int indexOfFirst(List<SdkRequest> made, Class<? extends SdkRequest> operation) {
        return made.indexOf(made.stream().filter(operation::isInstance).findFirst().orElseThrow());
    }

    private int indexOfLast(List<SdkRequest> made, Class<? extends SdkRequest> operation) {
        return made.lastIndexOf(made.stream().filter(operation::isInstance).reduce((first, second) -> second).orElseThrow());
    }

    @Test
    void nineMiBRecordsInDataAndInTextAreSentByteForByteAndTheObjectIsDeletedAfterTheMessage() throws Exception {
        raiseMaxRecordSize(target);
        byte[] binary = randomBytes(9 * 1024 * 1024, 1);
        byte[] text = text(9 * 1024 * 1024);
        List<TestStream.Written> records = batch(List.of(new TestStream.Payload("binary", binary), new TestStream.Payload("text", text)));
        String body = Offloading.deadLetterBody(source, records);
        assertThat(recordsOf(body)).satisfiesExactly(
                record -> assertThat(record).containsKey("data").doesNotContainKey("text"),
                record -> assertThat(record).containsKey("text").doesNotContainKey("data"));
        offloading.send(queue, body);
        assertThat(offloading.objectKeys()).hasSize(1);

        RedriveSummary summary = redrive(false);

        assertThat(summary.exitCode()).as(output.toString()).isZero();
        assertThat(summary.messagesRedriven()).isEqualTo(1);
        assertThat(summary.recordsPut()).as("kinesis-mock took both records").isEqualTo(2);
        // Each record over 5 MiB in a request of its own, its bytes as the batch held them.
        assertThat(calls.calls(PutRecordsRequest.class)).extracting(request -> request.records().size()).containsExactly(1, 1);
        List<PutRecordsRequestEntry> sent = calls.calls(PutRecordsRequest.class).stream().flatMap(request -> request.records().stream()).toList();
        assertThat(sent).extracting(PutRecordsRequestEntry::partitionKey).containsExactly("binary", "text");
        assertThat(sent.get(0).data().asByteArrayUnsafe()).isEqualTo(binary);
        assertThat(sent.get(1).data().asByteArrayUnsafe()).isEqualTo(text);
        assertThat(queue.visibleMessages()).isEmpty();
        assertThat(offloading.objectKeys()).isEmpty();
        List<SdkRequest> made = calls.calls(SdkRequest.class);
        assertThat(indexOfLast(made, PutRecordsRequest.class)).isLessThan(indexOfFirst(made, DeleteMessageRequest.class));
        assertThat(indexOfFirst(made, DeleteMessageRequest.class)).isLessThan(indexOfFirst(made, DeleteObjectRequest.class));
    }

    private static AwsErrorDetails accessDenied(String service, String action) {
        return AwsErrorDetails.builder().serviceName(service).errorCode("AccessDenied").errorMessage("not authorized to perform: " + action).build();
    }

    @Test
    void whenTheMessageCannotBeDeletedItsObjectIsKept() throws Exception {
        offloading.send(queue, Offloading.deadLetterBody(source, batch(List.of(new TestStream.Payload("k", text(2048))))));
        calls.fail(DeleteMessageRequest.class, 1, () -> SqsException.builder().statusCode(403)
                .awsErrorDetails(accessDenied("SQS", "sqs:DeleteMessage")).build());

        RedriveSummary summary = redrive(false);

        assertThat(summary.recordsPut()).isEqualTo(1);
        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(calls.calls(DeleteObjectRequest.class)).isEmpty();
        assertThat(offloading.objectKeys()).as("the message, still in the queue, still finds its body").hasSize(1);
        assertThat(output.toString()).contains("its records were put, but deleting it failed");
    }

    @Test
    void anObjectThatCannotBeDeletedAfterItsMessageIsNamedForTheOperator() throws Exception {
        offloading.send(queue, Offloading.deadLetterBody(source, batch(List.of(new TestStream.Payload("k", text(2048))))));
        String key = offloading.objectKeys().get(0);
        calls.fail(DeleteObjectRequest.class, 1, () -> S3Exception.builder().statusCode(403)
                .awsErrorDetails(accessDenied("S3", "s3:DeleteObject")).build());

        RedriveSummary summary = redrive(false);

        assertThat(summary.messagesRedriven()).isEqualTo(1);
        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(queue.visibleMessages()).isEmpty();
        assertThat(offloading.objectKeys()).containsExactly(key);
        assertThat(output.toString()).contains("was redriven and deleted, but its body s3://", key, "access denied",
                "offloaded bodies NOT deleted from S3 (their messages were)", "delete them by hand");
    }

    @Test
    void anOffloadedMessageWhoseObjectIsGoneStaysInTheQueueWithTheReason() throws Exception {
        offloading.send(queue, Offloading.deadLetterBody(source, batch(List.of(new TestStream.Payload("k", text(2048))))));
        String key = offloading.objectKeys().get(0);
        offloading.deleteObject(key);

        RedriveSummary summary = redrive(false);

        assertThat(summary.messagesLeft(RedriveSummary.Left.OFFLOADED_BODY_UNREADABLE)).isEqualTo(1);
        assertThat(summary.messagesRedriven()).isZero();
        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(calls.calls(PutRecordsRequest.class)).isEmpty();
        assertThat(calls.calls(DeleteMessageRequest.class)).isEmpty();
        List<Message> left = queue.visibleMessages();
        assertThat(left).singleElement().satisfies(message -> assertThat(message.body()).contains(key));
        assertThat(output.toString()).contains("left in the queue: message " + left.get(0).messageId(), key, "NoSuchKey",
                "left in the queue: whose body, offloaded to S3, could not be read");
    }

    @Test
    void aRecordOverItsStreamsMaximumRecordSizeLeavesTheWholeMessageAndItsObject() throws Exception {
        offloading.send(queue, Offloading.deadLetterBody(source, batch(List.of(new TestStream.Payload("small", text(10)),
                new TestStream.Payload("large", randomBytes(2 * 1024 * 1024, 2))))));

        RedriveSummary summary = redrive(false);

        assertThat(summary.messagesLeft(RedriveSummary.Left.RECORDS_TOO_LARGE_FOR_STREAM)).isEqualTo(1);
        assertThat(calls.calls(PutRecordsRequest.class)).as("no record of the message is put").isEmpty();
        assertThat(queue.visibleMessages()).hasSize(1);
        assertThat(offloading.objectKeys()).hasSize(1);
        assertThat(output.toString()).contains("1 record(s) (" + FIRST.add(BigInteger.ONE) + ") are larger than the 1024 KiB a record",
                "aws kinesis update-max-record-size");
    }

    @Test
    void inlineAndOffloadedMessagesAreRedrivenInOneRunInShardOrder() throws Exception {
        raiseMaxRecordSize(source);
        raiseMaxRecordSize(target);
        List<TestStream.Written> inline = source.write(Payloads.mixed(20, 7));
        List<TestStream.Written> offloaded = new ArrayList<>(source.write(List.of(new TestStream.Payload("large", text(3 * 1024 * 1024)))));
        offloaded.addAll(source.write(Payloads.mixed(10, 8)));
        new Hydration(aws, queue, 1024 * 1024).failed(source, inline, RETRY_ATTEMPTS_EXHAUSTED);
        offloading.send(queue, Offloading.deadLetterBody(source, offloaded));

        RedriveSummary dryRun = redrive(true);

        assertThat(dryRun.exitCode()).as(output.toString()).isZero();
        assertThat(output.toString()).contains("would put 20 record(s) of message", "would put 11 record(s) of message",
                "  " + offloaded.get(0).sequenceNumber() + "  partitionKey=large  3145728 bytes  {\"note\":\"café\"}");
        assertThat(offloading.objectKeys()).hasSize(1);
        assertThat(queue.visibleMessages()).hasSize(2);

        RedriveSummary summary = redrive(false);

        assertThat(summary.exitCode()).as(output.toString()).isZero();
        assertThat(summary.messagesRedriven()).isEqualTo(2);
        List<String> expected = new ArrayList<>(inline.stream().map(TestStream.Written::content).toList());
        expected.addAll(offloaded.stream().map(TestStream.Written::content).toList());
        assertThat(target.readAllRecords()).extracting(TestStream.Written::content).containsExactlyElementsOf(expected);
        assertThat(queue.visibleMessages()).isEmpty();
        assertThat(offloading.objectKeys()).isEmpty();
    }
}
