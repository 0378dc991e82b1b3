package io.kinesishydrator.it;

import static io.kinesishydrator.testsupport.DeadLetters.data;
import static io.kinesishydrator.testsupport.DeadLetters.hydration;
import static io.kinesishydrator.testsupport.DeadLetters.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kinesishydrator.hydrate.DeadLetterQueueException;
import io.kinesishydrator.hydrate.HydrateHandler;
import io.kinesishydrator.hydrate.HydrateSummary;
import io.kinesishydrator.hydrate.HydratorFactory;
import io.kinesishydrator.hydrate.internal.SqsEventReader.QueuedMessage;
import io.kinesishydrator.local.LocalContext;
import io.kinesishydrator.testsupport.FaultInjector;
import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.OnFailureRecords;
import io.kinesishydrator.testsupport.TestQueue;
import io.kinesishydrator.testsupport.TestStream;
import io.kinesishydrator.testsupport.TestStream.Written;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * A range larger than one message, and one larger than an invocation's time, against kinesis-mock and ElasticMQ:
 * its messages reach a FIFO dead-letter queue numbered in shard order, the last one carrying the outcome, and a
 * range the deadline cuts goes on through the intake queue until every record is in the queue exactly once.
 */
@ExtendWith(LocalAws.Extension.class)
class HydrateLargeRangeIT {
    private static final int SMALL_MESSAGES = 16 * 1024;
    private static final int RECORDS = 40;

    private final LocalAws aws;
    private final FaultInjector kinesisFaults = new FaultInjector();
    private TestStream stream;
    private TestQueue dlq;
    private TestQueue intake;

    HydrateLargeRangeIT(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void freshStreamAndQueues() {
        stream = aws.newStream(1);
        dlq = aws.newFifoQueue();
        intake = aws.newQueue();
    }

    /** A hydrate that hands what it runs out of time for on to the intake queue, keeping 2 s to send. */
    private HydrateHandler handler() {
        return new HydrateHandler(HydratorFactory.create(region -> aws.kinesisMock().client(region, kinesisFaults), aws.sqs(),
                dlq.url(), SMALL_MESSAGES, intake.url()), Duration.ofSeconds(2));
    }

    /** Records of about 3 KB: four or five to a message. */
    private List<Written> writeRange() {
        return stream.write(0, IntStream.range(0, RECORDS).mapToObj(i -> {
            byte[] data = new byte[3_000 + i];
            Arrays.fill(data, (byte) ('a' + i % 26));
            return data;
        }).toList());
    }

    private String notification(List<Written> range) {
        return OnFailureRecords.kinesis().streamArn(stream.arn()).covering(range).json();
    }

    /** Every record of {@code range} exactly once, parts 1 to n received in order, only the last with parts and the outcome. */
    private static void assertWholeRangeOnce(List<Message> messages, List<Written> range) {
        assertThat(messages).extracting(message -> hydration(message).get("part"))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, messages.size()).boxed().toList());
        assertThat(messages.subList(0, messages.size() - 1)).allSatisfy(message -> {
            assertThat(hydration(message)).containsEntry("status", "PARTIAL").doesNotContainKey("parts");
            assertThat(message.messageAttributes()).doesNotContainKey("parts");
        });
        Message last = messages.get(messages.size() - 1);
        assertThat(hydration(last)).containsEntry("parts", messages.size()).containsEntry("status", "COMPLETE")
                .containsEntry("recordsRead", range.size()).doesNotContainKey("missing");
        assertThat(last.messageAttributes().get("parts").stringValue()).isEqualTo(Integer.toString(messages.size()));
        List<Map<String, Object>> records = records(messages);
        assertThat(records).extracting(record -> record.get("sequenceNumber"))
                .containsExactlyElementsOf(range.stream().map(Written::sequenceNumber).toList());
        for (int i = 0; i < range.size(); i++) {
            assertThat(data(records.get(i))).as("data of record %d", i).isEqualTo(range.get(i).data());
        }
        assertThat(messages).allSatisfy(message ->
                assertThat(message.body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SMALL_MESSAGES));
    }

    @Test
    void aRangeOfManyMessagesArrivesInOrderAndEndsComplete() {
        List<Written> range = writeRange();

        HydrateSummary summary = handler().handleRequest(OnFailureRecords.snsEvent(notification(range)), new LocalContext(Duration.ofSeconds(60)));

        List<Message> messages = dlq.drain();
        assertThat(messages.size()).isGreaterThan(5);
        assertWholeRangeOnce(messages, range);
        assertThat(summary.getStatuses()).containsExactly("COMPLETE");
        assertThat(summary.getDlqMessages()).isEqualTo(messages.size());
        assertThat(intake.drain()).isEmpty();
    }

    @Test
    void aRangeTheDeadlineCutsGoesOnInContinuationsAndLandsExactlyOnceEvenWhenOneIsDeliveredTwice() {
        List<Written> range = writeRange();
        // Pages of 4 records, 300 ms each: 1.5 s of reading (3.5 s less the 2 s reserve) gets about a third of the range.
        kinesisFaults.changeEveryRequest(GetRecordsRequest.class, request -> request.toBuilder().limit(4).build())
                .delay(GetRecordsRequest.class, Duration.ofMillis(300));
        HydrateHandler handler = handler();

        HydrateSummary first = handler.handleRequest(OnFailureRecords.snsEvent(notification(range)), new LocalContext(Duration.ofMillis(3_500)));

        assertThat(first.getStatuses()).containsExactly("CONTINUED");
        List<Message> handedOn = intake.drain();
        assertThat(handedOn).singleElement().satisfies(message -> assertThat(message.body()).contains("\"hydrationContinuation\""));
        // A standard queue may deliver a message twice: both deliveries go on, and send the same parts.
        List<String> pending = new ArrayList<>(List.of(handedOn.get(0).body(), handedOn.get(0).body()));
        int invocations = 0;
        while (!pending.isEmpty()) {
            assertThat(++invocations).as("invocations").isLessThan(40);
            List<String> failed = handler.hydrateQueueMessages(List.of(new QueuedMessage("m-" + invocations, pending.remove(0))),
                    new LocalContext(Duration.ofMillis(3_500)));
            assertThat(failed).isEmpty();
            intake.drain().forEach(message -> pending.add(message.body()));
        }

        assertThat(invocations).isGreaterThan(2);
        assertWholeRangeOnce(dlq.drain(), range);
    }

    @Test
    void aQueuedNotificationTheReadDeadlineCameBeforeIsLeftForSqsToDeliverAgain() {
        List<Written> written = writeRange();
        kinesisFaults.changeEveryRequest(GetRecordsRequest.class, request -> request.toBuilder().limit(4).build())
                .delay(GetRecordsRequest.class, Duration.ofMillis(300));
        String late = notification(written.subList(30, 40));

        List<String> failed = handler().hydrateQueueMessages(List.of(new QueuedMessage("m-1", notification(written.subList(0, 30))),
                new QueuedMessage("m-2", late)), new LocalContext(Duration.ofMillis(3_500)));

        assertThat(failed).containsExactly("m-2");
        assertThat(intake.drain()).singleElement().satisfies(message -> assertThat(message.body()).contains("\"hydrationContinuation\""));
        String lateBatchKey = stream.arn() + "/" + written.get(30).shardId() + "/" + written.get(30).sequenceNumber() + "-"
                + written.get(39).sequenceNumber();
        assertThat(dlq.drain()).isNotEmpty().noneMatch(message -> lateBatchKey.equals(hydration(message).get("batchKey")));
    }

    @Test
    void aPartTheQueueRefusesFailsTheInvocationRatherThanEndTheRead() {
        List<Written> range = writeRange();
        FaultInjector sqsFaults = new FaultInjector().fail(SendMessageBatchRequest.class, 1,
                () -> SqsException.builder().statusCode(400).message("refused")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidParameterValue").errorMessage("refused").build()).build());
        HydrateHandler handler = new HydrateHandler(HydratorFactory.create(region -> aws.kinesisMock().client(region),
                aws.elasticMq().client(sqsFaults), dlq.url(), SMALL_MESSAGES, intake.url()), Duration.ofSeconds(2));

        assertThatThrownBy(() -> handler.handleRequest(OnFailureRecords.snsEvent(notification(range)), new LocalContext(Duration.ofSeconds(60))))
                .isInstanceOf(DeadLetterQueueException.class).hasMessageContaining(dlq.url());
        assertThat(dlq.drain()).isEmpty();
    }
}
