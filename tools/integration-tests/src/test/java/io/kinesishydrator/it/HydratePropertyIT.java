package io.kinesishydrator.it;

import static io.kinesishydrator.testsupport.DeadLetters.data;
import static io.kinesishydrator.testsupport.DeadLetters.hydration;
import static org.assertj.core.api.Assertions.assertThat;

import io.kinesishydrator.hydrate.HydrateHandler;
import io.kinesishydrator.hydrate.HydratorFactory;
import io.kinesishydrator.local.LocalContext;
import io.kinesishydrator.testsupport.DeadLetters;
import io.kinesishydrator.testsupport.FaultInjector;
import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.OnFailureRecords;
import io.kinesishydrator.testsupport.TestQueue;
import io.kinesishydrator.testsupport.TestStream;
import io.kinesishydrator.testsupport.TestStream.Written;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * For random ranges over a populated shard and random injected faults (throttling, expired iterators, small
 * pages, a trimmed head, partly failed queue batches, small message limits, duplicate delivery), the records in
 * the queue for a notification are exactly its range minus the parts reported missing, in order, each once per
 * delivery of the notification.
 */
@ExtendWith(LocalAws.Extension.class)
class HydratePropertyIT {
    private static final int SHARD_RECORDS = 400;
    private static TestStream stream;
    private static List<Written> shard;

    private final LocalAws aws;

    HydratePropertyIT(LocalAws aws) {
        this.aws = aws;
    }

    /** One populated shard for every trial, made before them, so that it outlives each (LocalAws deletes it after the class). */
    @BeforeAll
    static void populateShard(LocalAws aws) {
        Random random = new Random(1);
        stream = aws.newStream(1);
        shard = stream.write(0, IntStream.range(0, SHARD_RECORDS).mapToObj(i -> {
            byte[] bytes = new byte[1 + random.nextInt(6_000)];
            random.nextBytes(bytes);
            return bytes;
        }).toList());
    }

    @RepeatedTest(20)
    void theQueueHoldsExactlyTheRangeMinusWhatIsReportedMissing(RepetitionInfo repetition) {
        Random random = new Random(104_729L * repetition.getCurrentRepetition());
        int first = random.nextInt(SHARD_RECORDS);
        int last = first + random.nextInt(Math.min(SHARD_RECORDS - first, 250));
        List<Written> range = shard.subList(first, last + 1);
        int trimmed = random.nextInt(4) == 0 ? Math.min(range.size() - 1, 1 + random.nextInt(3)) : 0;
        int deliveries = random.nextInt(3) == 0 ? 2 : 1;
        int limit = List.of(64 * 1024, 256 * 1024, 1024 * 1024).get(random.nextInt(3));
        FaultInjector kinesisFaults = kinesisFaults(random, trimmed);
        FaultInjector sqsFaults = sqsFaults(random);
        TestQueue dlq = aws.newQueue();
        HydrateHandler handler = new HydrateHandler(HydratorFactory.create(region -> aws.kinesisMock().client(region, kinesisFaults),
                aws.elasticMq().client(sqsFaults), dlq.url(), limit), Duration.ofSeconds(2));
        String trial = "range " + first + ".." + last + ", trimmed " + trimmed + ", deliveries " + deliveries + ", limit " + limit;

        String notification = OnFailureRecords.kinesis().streamArn(stream.arn()).covering(range).json();
        for (int delivery = 0; delivery < deliveries; delivery++) {
            handler.handleRequest(OnFailureRecords.snsEvent(notification), new LocalContext(Duration.ofSeconds(120)));
        }

        List<Message> messages = dlq.drain();
        List<Written> expected = range.subList(trimmed, range.size());
        assertThat(missingHeadOf(messages)).as(trial).isEqualTo(trimmed == 0 ? null : range.get(trimmed).sequenceNumber());
        assertEachDeliveryHolds(messages, expected, deliveries, trial);
    }

    private static FaultInjector kinesisFaults(Random random, int trimmed) {
        FaultInjector faults = new FaultInjector();
        int pageSize = 1 + random.nextInt(60);
        faults.changeEveryRequest(GetRecordsRequest.class, request -> request.toBuilder().limit(pageSize).build());
        faults.fail(GetRecordsRequest.class, random.nextInt(3), () -> (ProvisionedThroughputExceededException)
                ProvisionedThroughputExceededException.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build()).build());
        if (random.nextBoolean()) {
            faults.failAfter(GetRecordsRequest.class, 1 + random.nextInt(3), () -> (ExpiredIteratorException)
                    ExpiredIteratorException.builder().statusCode(400)
                            .awsErrorDetails(AwsErrorDetails.builder().errorCode("ExpiredIteratorException").build()).build());
        }
        if (trimmed > 0) {
            faults.dropFirstRecordsOfEveryRead(trimmed);
        }
        return faults;
    }

    private static FaultInjector sqsFaults(Random random) {
        FaultInjector faults = new FaultInjector();
        if (random.nextBoolean()) {
            faults.changeNextCall(SendMessageBatchRequest.class,
                    request -> request.toBuilder().entries(request.entries().subList(0, request.entries().size() - 1)).build(),
                    SendMessageBatchResponse.class,
                    response -> response.toBuilder().failed(BatchResultErrorEntry.builder()
                            .id("m" + response.successful().size()).code("InternalError").senderFault(false).build()).build());
        }
        return faults;
    }

    /** The start of the reported-missing head (its {@code before}), or null when the head is complete. */
    @SuppressWarnings("unchecked")
    private static String missingHeadOf(List<Message> messages) {
        List<Map<String, Object>> missing = (List<Map<String, Object>>) hydration(lastOf(messages)).get("missing");
        if (missing == null) {
            return null;
        }
        assertThat(missing).hasSize(1);
        return (String) missing.get(0).get("before");
    }

    /** A last message of the range: the one that carries {@code parts} and the range's outcome. */
    private static Message lastOf(List<Message> messages) {
        return messages.stream().filter(message -> hydration(message).containsKey("parts")).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static void assertEachDeliveryHolds(List<Message> messages, List<Written> expected, int deliveries, String trial) {
        Map<Integer, List<Message>> byPart = new HashMap<>();
        messages.forEach(message -> byPart.computeIfAbsent((Integer) hydration(message).get("part"), p -> new ArrayList<>()).add(message));
        int parts = (Integer) hydration(lastOf(messages)).get("parts");
        assertThat(byPart.keySet()).as(trial).hasSize(parts);
        assertThat(byPart.values()).as(trial).allSatisfy(copies -> assertThat(copies).hasSize(deliveries));
        List<Map<String, Object>> records = new ArrayList<>();
        byPart.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(part -> records.addAll((List<Map<String, Object>>) DeadLetters.body(part.getValue().get(0)).get("records")));
        assertThat(records).extracting(record -> record.get("sequenceNumber")).as(trial)
                .containsExactlyElementsOf(expected.stream().map(Written::sequenceNumber).toList());
        assertThat(records.stream().map(record -> new BigInteger((String) record.get("sequenceNumber"))))
                .isSortedAccordingTo(Comparator.naturalOrder());
        for (int i = 0; i < expected.size(); i++) {
            Map<String, Object> record = records.get(i);
            if (!Boolean.TRUE.equals(record.get("truncated"))) {
                assertThat(data(record)).as(trial).isEqualTo(expected.get(i).data());
            }
        }
    }
}
