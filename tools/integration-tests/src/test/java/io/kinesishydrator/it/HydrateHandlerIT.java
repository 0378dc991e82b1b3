package io.kinesishydrator.it;

import static io.kinesishydrator.testsupport.DeadLetters.body;
import static io.kinesishydrator.testsupport.DeadLetters.data;
import static io.kinesishydrator.testsupport.DeadLetters.hydration;
import static io.kinesishydrator.testsupport.DeadLetters.records;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.hydrate.HydrateHandler;
import io.kinesishydrator.hydrate.HydrateSummary;
import io.kinesishydrator.hydrate.HydratorFactory;
import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.OnFailureRecords;
import io.kinesishydrator.testsupport.TestQueue;
import io.kinesishydrator.testsupport.TestStream;
import io.kinesishydrator.testsupport.TestStream.Written;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/** The hydrate handler against kinesis-mock and ElasticMQ: what lands in the DLQ is exactly the failed range. */
@ExtendWith(LocalAws.Extension.class)
class HydrateHandlerIT {
    private static final int ONE_MIB = 1024 * 1024;

    private final LocalAws aws;
    private TestStream stream;
    private TestQueue dlq;

    HydrateHandlerIT(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void freshStreamAndQueue() {
        stream = aws.newStream(2);
        dlq = aws.newQueue();
    }

    private HydrateHandler handler(int maxMessageBytes) {
        return new HydrateHandler(HydratorFactory.create(region -> aws.kinesisMock().client(region), aws.sqs(), dlq.url(),
                maxMessageBytes), Duration.ofSeconds(5));
    }

    private static List<byte[]> orders(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> ("{\"orderId\":\"" + prefix + i + "\",\"customerId\":\"c-" + i % 7 + "\",\"sku\":\"SKU-1\",\"quantity\":1,\"unitPrice\":2.5}")
                        .getBytes(StandardCharsets.UTF_8))
                .toList();
    }

    /** Writes to both shards, interleaved, so a reader that strays off its shard would be caught. */
    private List<Written> writeToShardZeroWithNoiseOnShardOne(List<byte[]> payloads) {
        List<Written> shardZero = new ArrayList<>();
        int chunk = 500;
        for (int from = 0; from < payloads.size(); from += chunk) {
            shardZero.addAll(stream.write(0, payloads.subList(from, Math.min(payloads.size(), from + chunk))));
            stream.write(1, orders("noise-", 3));
        }
        return shardZero;
    }

    private String notification(List<Written> range) {
        return OnFailureRecords.kinesis().streamArn(stream.arn()).covering(range).json();
    }

    private static void assertHydrated(List<Message> messages, List<Written> expected) {
        List<Map<String, Object>> records = records(messages);
        assertThat(records).extracting(record -> record.get("sequenceNumber"))
                .containsExactlyElementsOf(expected.stream().map(Written::sequenceNumber).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(data(records.get(i))).as("data of record %d", i).isEqualTo(expected.get(i).data());
            assertThat(records.get(i)).containsEntry("partitionKey", expected.get(i).partitionKey())
                    .containsKey("approximateArrivalTimestamp");
        }
        assertThat(messages).extracting(message -> hydration(message).get("part"))
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, messages.size()).boxed().toList());
        assertThat(messages).allSatisfy(message -> {
            if (hydration(message).get("part").equals(messages.size())) {
                assertThat(hydration(message)).containsEntry("status", "COMPLETE").containsEntry("parts", messages.size());
            } else {
                assertThat(hydration(message)).containsEntry("status", "PARTIAL").doesNotContainKey("parts");
            }
            assertThat(message.body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ONE_MIB);
        });
    }

    @Test
    void hydratesARangeInTheMiddleOfAShard() {
        List<Written> written = writeToShardZeroWithNoiseOnShardOne(orders("o-", 60));
        List<Written> range = written.subList(20, 40);
        HydrateSummary summary = handler(ONE_MIB).handleRequest(OnFailureRecords.snsEvent(notification(range)), null);

        List<Message> messages = dlq.drain();
        assertThat(messages).hasSize(1);
        assertHydrated(messages, range);
        assertThat(records(messages).get(0)).containsEntry("text", new String(range.get(0).data(), StandardCharsets.UTF_8))
                .doesNotContainKey("data");
        Map<String, Object> body = body(messages.get(0));
        assertThat(body).containsKeys("requestContext", "responseContext", "version", "timestamp", "KinesisBatchInfo");
        assertThat(summary.getRecordsHydrated()).isEqualTo(20);
        assertThat(summary.getStatuses()).containsExactly("COMPLETE");
        assertThat(messages.get(0).messageAttributes().get("batchKey").stringValue())
                .isEqualTo(stream.arn() + "/" + range.get(0).shardId() + "/" + range.get(0).sequenceNumber() + "-" + range.get(19).sequenceNumber());
    }

    @Test
    void hydratesASingleRecord() {
        List<Written> written = writeToShardZeroWithNoiseOnShardOne(orders("o-", 5));
        List<Written> range = written.subList(3, 4);

        handler(ONE_MIB).handleRequest(OnFailureRecords.snsEvent(notification(range)), null);

        assertHydrated(dlq.drain(), range);
    }

    @Test
    void hydrates3000Records() {
        List<Written> written = writeToShardZeroWithNoiseOnShardOne(orders("o-", 3_100));
        List<Written> range = written.subList(50, 3_050);

        HydrateSummary summary = handler(ONE_MIB).handleRequest(
                OnFailureRecords.snsEvent(notification(range)), null);

        List<Message> messages = dlq.drain();
        assertHydrated(messages, range);
        assertThat(summary.getRecordsHydrated()).isEqualTo(3_000);
        assertThat(summary.getDlqMessages()).isEqualTo(messages.size());
    }

    @Test
    void hydratesBinaryDataByteForByteWithoutText() {
        Random random = new Random(7);
        List<byte[]> payloads = IntStream.range(0, 30).mapToObj(i -> {
            byte[] bytes = new byte[64 + i];
            random.nextBytes(bytes);
            bytes[0] = (byte) 0xff; // never valid UTF-8
            return bytes;
        }).toList();
        List<Written> range = stream.write(0, payloads).subList(5, 25);

        handler(ONE_MIB).handleRequest(OnFailureRecords.snsEvent(notification(range)), null);

        List<Message> messages = dlq.drain();
        assertHydrated(messages, range);
        assertThat(records(messages)).allSatisfy(record -> assertThat(record).containsKey("data").doesNotContainKey("text"));
    }

    @Test
    void splitsRecordsLargerThanHalfTheMessageLimitIntoSeveralMessages() {
        int limit = 256 * 1024;
        List<byte[]> payloads = IntStream.range(0, 5).mapToObj(i -> {
            byte[] bytes = new byte[limit / 2 + 1_000];
            java.util.Arrays.fill(bytes, (byte) ('a' + i));
            return bytes;
        }).toList();
        List<Written> range = stream.write(0, payloads);

        handler(limit).handleRequest(OnFailureRecords.snsEvent(notification(range)), null);

        List<Message> messages = dlq.drain();
        assertThat(messages).hasSize(5);
        assertThat(messages).extracting(message -> message.messageAttributes().get("batchKey").stringValue()).containsOnly(
                messages.get(0).messageAttributes().get("batchKey").stringValue());
        assertHydrated(messages, range);
        assertThat(messages).allSatisfy(message -> assertThat(message.body().length()).isLessThanOrEqualTo(limit));
    }

    @Test
    void hydratesEveryRecordOfTheEventIncludingRecordAgeExceeded() {
        List<Written> written = writeToShardZeroWithNoiseOnShardOne(orders("o-", 30));
        List<Written> first = written.subList(0, 10);
        List<Written> second = written.subList(10, 30);

        HydrateSummary summary = handler(ONE_MIB).handleRequest(OnFailureRecords.snsEvent(
                notification(first),
                OnFailureRecords.kinesis().streamArn(stream.arn()).covering(second).condition(OnFailureRecords.RECORD_AGE_EXCEEDED).json()), null);

        List<Message> messages = dlq.drain();
        assertThat(messages).hasSize(2);
        Message ageExceeded = messages.stream()
                .filter(message -> ((Map<?, ?>) body(message).get("requestContext")).get("condition").equals("RecordAgeExceeded"))
                .findFirst().orElseThrow();
        assertThat(body(ageExceeded)).doesNotContainKey("responseContext");
        assertHydrated(List.of(ageExceeded), second);
        assertThat(summary.getNotifications()).isEqualTo(2);
        assertThat(summary.getRecordsHydrated()).isEqualTo(30);
    }

    @Test
    void anUnparseableNotificationReachesTheQueueAsReceivedWithTheReason() {
        HydrateSummary summary = handler(ONE_MIB).handleRequest(OnFailureRecords.snsEvent("{\"hello\":\"world\"}"), null);

        List<Message> messages = dlq.drain();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).body()).isEqualTo("{\"hello\":\"world\"}");
        assertThat(messages.get(0).messageAttributes().get("hydrationStatus").stringValue()).isEqualTo("UNPARSEABLE");
        assertThat(messages.get(0).messageAttributes().get("hydrationReason").stringValue()).contains("no KinesisBatchInfo");
        assertThat(summary.getStatuses()).containsExactly("UNPARSEABLE");
    }

    @Test
    void aMessageOfJsonThatIsNotAnObjectReachesTheQueueAsReceivedWithTheReason() {
        for (String message : List.of("null", "[1,2]", "42", "\"text\"")) {
            HydrateSummary summary = handler(ONE_MIB).handleRequest(OnFailureRecords.snsEvent(message), null);

            List<Message> messages = dlq.drain();
            assertThat(messages).as(message).hasSize(1);
            assertThat(messages.get(0).body()).as(message).isEqualTo(message);
            assertThat(messages.get(0).messageAttributes().get("hydrationStatus").stringValue()).isEqualTo("UNPARSEABLE");
            assertThat(messages.get(0).messageAttributes().get("hydrationReason").stringValue()).as(message).isNotBlank();
            assertThat(summary.getStatuses()).containsExactly("UNPARSEABLE");
        }
    }

    @Test
    void aDeletedStreamStillLeavesTheNotificationInTheQueueWithTheReason() {
        List<Written> range = stream.write(0, orders("o-", 3));
        aws.kinesis().deleteStream(request -> request.streamARN(stream.arn()).enforceConsumerDeletion(true));

        handler(ONE_MIB).handleRequest(OnFailureRecords.snsEvent(notification(range)), null);

        List<Message> messages = dlq.drain();
        assertThat(messages).hasSize(1);
        assertThat(hydration(messages.get(0))).containsEntry("status", "INCOMPLETE").containsEntry("recordsRead", 0);
        assertThat((String) hydration(messages.get(0)).get("reason")).contains("ResourceNotFoundException");
        assertThat(body(messages.get(0))).containsKey("KinesisBatchInfo");
    }

    @Test
    void writesOneEmbeddedMetricLinePerNotification() throws Exception {
        List<Written> range = writeToShardZeroWithNoiseOnShardOne(orders("o-", 12)).subList(2, 10);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            handler(ONE_MIB).handleRequest(OnFailureRecords.snsEvent(notification(range)), null);
        } finally {
            System.setOut(original);
        }

        List<Map<String, Object>> metricLines = new ArrayList<>();
        for (String line : stdout.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{\"_aws\"")) {
                metricLines.add(JSON.std.mapFrom(line));
            }
        }
        assertThat(metricLines).singleElement().satisfies(metrics -> assertThat(metrics)
                .containsEntry("StreamName", stream.name())
                .containsEntry("RecordsHydrated", 8)
                .containsEntry("RecordsLost", 0)
                .containsEntry("DlqMessagesSent", 1)
                .containsEntry("HydrateFailures", 0)
                .containsKey("FunctionName"));
        assertThat(stdout.toString(StandardCharsets.UTF_8)).doesNotContain(new String(range.get(0).data(), StandardCharsets.UTF_8));
    }
}
