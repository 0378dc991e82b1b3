package io.kinesishydrator.it;

import static io.kinesishydrator.testsupport.DeadLetters.body;
import static io.kinesishydrator.testsupport.DeadLetters.data;
import static io.kinesishydrator.testsupport.DeadLetters.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.hydrate.HydrateHandler;
import io.kinesishydrator.hydrate.HydratorFactory;
import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.OnFailureRecords;
import io.kinesishydrator.testsupport.TestQueue;
import io.kinesishydrator.testsupport.TestStream;
import io.kinesishydrator.testsupport.TestStream.Written;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Dead-letter bodies that ElasticMQ, which checks a body's characters as SQS does, accepts whatever the
 * notification and the records hold: characters outside SQS's set reach the queue escaped, or in base64.
 */
@ExtendWith(LocalAws.Extension.class)
class DeadLetterBodyIT {
    /** Characters SQS refuses, each legal inside a JSON string: two noncharacters and a lone surrogate. */
    private static final String REFUSED = "\uFFFE\uFFFF\uD800";

    private final LocalAws aws;
    private TestStream stream;
    private TestQueue dlq;

    DeadLetterBodyIT(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void freshStreamAndQueue() {
        stream = aws.newStream(1);
        dlq = aws.newQueue();
    }

    private void hydrate(String notification) {
        new HydrateHandler(HydratorFactory.create(region -> aws.kinesisMock().client(region), aws.sqs(), dlq.url(), 1024 * 1024),
                Duration.ofSeconds(5)).handleRequest(OnFailureRecords.snsEvent(notification), null);
    }

    @Test
    void theQueueRefusesTheseCharactersSentAsTheyAre() {
        assertThatThrownBy(() -> dlq.send("{\"note\":\"" + REFUSED + "\"}")).isInstanceOf(SqsException.class);
    }

    @Test
    void aNotificationAndARecordHoldingCharactersSqsRefusesReachTheQueueWithTheirValues() throws Exception {
        byte[] text = ("{\"note\":\"\uFFFE\uFFFF \u0000\"}").getBytes(StandardCharsets.UTF_8);
        List<Written> range = stream.write(0, List.of(text));
        String notification = OnFailureRecords.kinesis().streamArn(stream.arn()).covering(range).json().strip();
        notification = notification.substring(0, notification.length() - 1) + ",\"note\":\"" + REFUSED + "\"}";

        hydrate(notification);

        List<Message> messages = dlq.drain();
        assertThat(messages).hasSize(1);
        assertThat(body(messages.get(0))).containsEntry("note", REFUSED).containsKey("KinesisBatchInfo");
        assertThat(records(messages)).singleElement().satisfies(record -> {
            assertThat(record).containsKey("text").doesNotContainKey("data");
            assertThat(data(record)).isEqualTo(text);
        });
    }

    @Test
    void anUnparseableTextHoldingCharactersSqsRefusesReachesTheQueueInBase64() {
        String notification = "not json " + REFUSED.substring(0, 2) + "\u0001";

        hydrate(notification);

        List<Message> messages = dlq.drain();
        assertThat(messages).singleElement().satisfies(message -> assertThat(body(message)).isEqualTo(Map.of("unparseableBase64",
                Base64.getEncoder().encodeToString(notification.getBytes(StandardCharsets.UTF_8)))));
    }

    @Test
    void anUnparseableJsonNotificationHoldingCharactersSqsRefusesReachesTheQueueWithItsValue() throws Exception {
        String notification = "{\"Type\":\"not an OnFailure record " + REFUSED + "\"}";

        hydrate(notification);

        List<Message> messages = dlq.drain();
        assertThat(messages).singleElement().satisfies(message -> assertThat(body(message)).isEqualTo(JSON.std.mapFrom(notification)));
    }
}
