package io.kinesishydrator.it;

import static io.kinesishydrator.testsupport.DeadLetters.data;
import static io.kinesishydrator.testsupport.DeadLetters.hydration;
import static io.kinesishydrator.testsupport.DeadLetters.records;
import static org.assertj.core.api.Assertions.assertThat;

import io.kinesishydrator.local.LambdaProcess;
import io.kinesishydrator.local.LambdaRuntimeApi;
import io.kinesishydrator.local.LocalCredentials;
import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.OnFailureRecords;
import io.kinesishydrator.testsupport.TestQueue;
import io.kinesishydrator.testsupport.TestStream;
import io.kinesishydrator.testsupport.TestStream.Written;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The hydrate, as built for deployment, in a JVM whose heap is smaller than the range it hydrates: it holds one
 * page and one message at a time, so the range's size does not matter. Holding the range's records at once would
 * need more than the whole heap for their bytes alone.
 */
@ExtendWith(LocalAws.Extension.class)
class HydrateBoundedMemoryIT {
    private static final Path ARTIFACTS = Path.of(System.getProperty("lambda.artifacts.dir", "target/lambda"));
    private static final String HANDLER = "io.kinesishydrator.hydrate.HydrateStreamHandler::handleRequest";
    private static final String HEAP_LIMIT = "-Xmx64m";
    private static final long HEAP_BYTES = 64L * 1024 * 1024;
    /** Under the 1 MiB record limit with its partition key; 75 of them are 75 MB, more than the whole heap. */
    private static final int RECORD_BYTES = 1_000_000;
    private static final int RECORDS = 75;

    private final LocalAws aws;

    HydrateBoundedMemoryIT(LocalAws aws) {
        this.aws = aws;
    }

    private static List<byte[]> largeRecords() {
        return IntStream.range(0, RECORDS).mapToObj(i -> {
            byte[] data = new byte[RECORD_BYTES];
            Arrays.fill(data, (byte) ('a' + i % 26));
            byte[] index = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(index, 0, data, 0, index.length);
            return data;
        }).toList();
    }

    @Test
    void hydratesARangeLargerThanItsHeap() throws IOException {
        TestStream stream = aws.newStream(1);
        TestQueue dlq = aws.newQueue();
        List<Written> range = stream.write(0, largeRecords());
        assertThat((long) RECORDS * RECORD_BYTES).as("the range's bytes against the heap").isGreaterThan(HEAP_BYTES);
        Map<String, String> environment = Map.of("DLQ_URL", dlq.url(),
                "AWS_ENDPOINT_URL_KINESIS", aws.kinesisMock().endpoint().toString(),
                "AWS_ENDPOINT_URL_SQS", aws.elasticMq().endpoint().toString(),
                "AWS_REGION", LocalCredentials.REGION.id(),
                "AWS_ACCESS_KEY_ID", LocalCredentials.ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", LocalCredentials.SECRET_ACCESS_KEY,
                "JAVA_TOOL_OPTIONS", HEAP_LIMIT);
        String event = LambdaRuntimeIT.snsEvent(OnFailureRecords.kinesis().streamArn(stream.arn()).covering(range).json());

        try (LambdaRuntimeApi api = LambdaRuntimeApi.start();
             LambdaProcess lambda = LambdaProcess.start(ARTIFACTS.resolve("HydrateFunction"), HANDLER,
                     LambdaProcess.runtimeClasspathOfThisJvm(), environment, api)) {
            LambdaRuntimeApi.Result result = lambda.invoke(api, event, Duration.ofMinutes(8));

            assertThat(result.error()).as("function error; output:%n%s", lambda.output()).isFalse();
            assertThat(lambda.output()).contains("Picked up JAVA_TOOL_OPTIONS: " + HEAP_LIMIT);
            assertThat(result.body()).contains("\"statuses\":[\"COMPLETE\"]");
        }
        List<Message> messages = dlq.drain();
        assertThat(messages).hasSize(RECORDS);
        assertThat(messages).filteredOn(message -> hydration(message).containsKey("parts")).singleElement()
                .satisfies(last -> assertThat(hydration(last)).containsEntry("parts", RECORDS).containsEntry("status", "COMPLETE"));
        List<Map<String, Object>> records = records(messages);
        assertThat(records).extracting(record -> record.get("sequenceNumber"))
                .containsExactlyElementsOf(range.stream().map(Written::sequenceNumber).toList());
        for (int i = 0; i < RECORDS; i++) {
            assertThat(data(records.get(i))).as("data of record %d", i).isEqualTo(range.get(i).data());
        }
    }
}
