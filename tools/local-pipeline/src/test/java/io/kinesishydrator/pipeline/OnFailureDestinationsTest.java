package io.kinesishydrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.kinesishydrator.common.ProgressLine;
import io.kinesishydrator.testsupport.DeadLetters;
import io.kinesishydrator.testsupport.TestStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The demo on each OnFailure destination, through the hydrate's intake for it: the poison records, and the
 * records discarded with them, end up in the dead-letter queue whole and byte for byte, nothing is lost, and
 * the redrive tool puts every one of them back into the stream unchanged.
 */
class OnFailureDestinationsTest {
    private static final Path TEMPLATE = Path.of("../../template.yaml");
    private static final Duration DEAD_LETTERS_VISIBLE_WITHIN = Duration.ofSeconds(40);

    @ParameterizedTest
    @EnumSource(OnFailureDestinationType.class)
    void theDeadLetterQueueHoldsTheDiscardedRecordsWholeAndTheRedriveToolPutsThemBack(OnFailureDestinationType type, @TempDir Path logs) {
        EventSourceMappingSettings settings = SamTemplateReader.consumerStreamSettings(TEMPLATE, "ConsumerFunction")
                .withBatchSize(20).withMaximumRetryAttempts(1);
        try (LocalPipeline pipeline = LocalPipeline.start(new LocalPipeline.ServerPorts(0, 0, 0, 0, 0), 2, type,
                RepositoryFunctions.of(Map.of(), logs))) {
            PipelineResult result = run(pipeline, settings);

            assertThat(result.destination()).isEqualTo(type);
            assertThat(result.reconciled()).as("lost %s, blocked %s", result.lost(), result.blockedShard()).isTrue();
            assertThat(result.poison()).isPositive();
            assertThat(result.hydrated()).isEqualTo(result.stats().onFailureRecords.size()).isPositive();
            assertThat(result.hydrateFailures()).isZero();
            assertThat(result.deadLetters().otherMessages()).isZero();
            assertThat(result.deadLetters().sequenceNumbers()).containsAll(poisonSequenceNumbers(result));

            TestStream stream = new TestStream(pipeline.kinesis(), pipeline.streamArn(), "orders");
            Map<String, byte[]> produced = bySequenceNumber(stream.readAllRecords());
            List<Map<String, Object>> deadLetters = DeadLetters.records(visibleDeadLetters(pipeline, result.deadLetters().hydrated().size()));
            assertThat(deadLetters).hasSize(result.stats().discardedRecords.get());
            for (Map<String, Object> record : deadLetters) {
                assertThat(DeadLetters.data(record)).as("record %s", record.get("sequenceNumber"))
                        .isEqualTo(produced.get((String) record.get("sequenceNumber")));
            }

            String printed = RedriveToolRun.redrive(pipeline);

            List<TestStream.Written> redriven = stream.readAllRecords().stream()
                    .filter(written -> !produced.containsKey(written.sequenceNumber())).toList();
            assertThat(base64(redriven.stream().map(TestStream.Written::data)))
                    .as(printed).containsExactlyInAnyOrderElementsOf(base64(deadLetters.stream().map(DeadLetters::data)));
            assertThat(messagesLeft(pipeline)).as(printed).isZero();
        }
    }

    private static PipelineResult run(LocalPipeline pipeline, EventSourceMappingSettings settings) {
        return QuietConsole.run(() -> pipeline.run(120, 0.08, 11, settings, Duration.ofSeconds(120),
                new ProgressLine(line -> { }, Duration.ofMinutes(5))));
    }

    private static Set<String> poisonSequenceNumbers(PipelineResult result) {
        Set<String> poison = new HashSet<>();
        result.produced().stream().filter(DemoProducer.Produced::poison).forEach(record -> poison.add(record.sequenceNumber()));
        return poison;
    }

    private static Map<String, byte[]> bySequenceNumber(List<TestStream.Written> records) {
        Map<String, byte[]> bySequenceNumber = new LinkedHashMap<>();
        records.forEach(record -> bySequenceNumber.put(record.sequenceNumber(), record.data()));
        return bySequenceNumber;
    }

    private static List<String> base64(Stream<byte[]> data) {
        return data.map(Base64.getEncoder()::encodeToString).toList();
    }

    /**
     * The dead-letter messages, once the run's own read of the queue no longer hides them, made visible again
     * for the redrive tool.
     */
    private static List<Message> visibleDeadLetters(LocalPipeline pipeline, int expected) {
        List<Message> messages = new ArrayList<>();
        long deadline = System.nanoTime() + DEAD_LETTERS_VISIBLE_WITHIN.toNanos();
        while (messages.size() < expected && System.nanoTime() < deadline) {
            messages.addAll(pipeline.deadLetterSqs().receiveMessage(request -> request.queueUrl(pipeline.deadLetterQueueUrl())
                    .maxNumberOfMessages(10).visibilityTimeout(60).waitTimeSeconds(5)).messages());
        }
        messages.forEach(message -> pipeline.deadLetterSqs().changeMessageVisibility(request -> request
                .queueUrl(pipeline.deadLetterQueueUrl()).receiptHandle(message.receiptHandle()).visibilityTimeout(0)));
        assertThat(messages).hasSize(expected);
        return messages;
    }

    private static int messagesLeft(LocalPipeline pipeline) {
        Map<String, String> attributes = pipeline.deadLetterSqs().getQueueAttributes(request -> request
                .queueUrl(pipeline.deadLetterQueueUrl()).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributesAsStrings();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }
}
