package io.kinesishydrator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.local.Fauxqs;
import io.kinesishydrator.local.LocalServerException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** fauxqs delivers what is published to a topic into a subscribed queue, wrapped as SNS wraps it. */
class FauxqsIT {
    private static Fauxqs fauxqs;

    @BeforeAll
    static void start() {
        fauxqs = Fauxqs.start();
    }

    @AfterAll
    static void stop() {
        if (fauxqs != null) {
            fauxqs.close();
        }
    }

    @Test
    void aSubscribedQueueReceivesTheNotificationEnvelope() throws IOException {
        String topicArn = fauxqs.createTopic("orders-" + UUID.randomUUID());
        String queueUrl = fauxqs.createQueue("orders-" + UUID.randomUUID());
        fauxqs.subscribe(topicArn, queueUrl);
        // Quotes, a backslash and non-ASCII text: the envelope must carry the message as a string, unchanged.
        String published = "{\"orderId\":\"o-1\",\"note\":\"says \\\"hi\\\" \\\\ café ✓\",\"quantity\":3}";

        try (SnsClient sns = fauxqs.snsClient(); SqsClient sqs = fauxqs.sqsClient()) {
            sns.publish(request -> request.topicArn(topicArn).message(published));
            List<Message> received = sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                    .maxNumberOfMessages(10).waitTimeSeconds(5)).messages();

            assertThat(received).hasSize(1);
            Map<String, Object> envelope = JSON.std.mapFrom(received.get(0).body());
            assertThat(envelope)
                    .containsEntry("Type", "Notification")
                    .containsEntry("TopicArn", topicArn)
                    .containsEntry("Message", published)
                    .containsKeys("MessageId", "Timestamp", "SignatureVersion", "Signature", "SigningCertURL", "UnsubscribeURL");
        }
    }

    @Test
    void aSecondServerOnATakenPortFailsSayingSo() {
        assertThatThrownBy(() -> Fauxqs.start(fauxqs.port()).close())
                .isInstanceOf(LocalServerException.class)
                .hasMessageContaining("127.0.0.1:" + fauxqs.port())
                .hasMessageContaining("already taken");
    }
}
