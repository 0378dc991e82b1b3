package io.kinesishydrator.redrive;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** A queue on ElasticMQ that tests look into without consuming it. */
final class TestQueue {
    private final SqsClient sqs;
    private final String url;

    TestQueue(SqsClient sqs, String url) {
        this.sqs = sqs;
        this.url = url;
    }

    String url() {
        return url;
    }

    void send(String body) {
        sqs.sendMessage(request -> request.queueUrl(url).messageBody(body));
    }

    /** The messages visible now, each made visible again after it is read. */
    List<Message> visibleMessages() {
        List<Message> messages = new ArrayList<>();
        while (true) {
            List<Message> received = sqs.receiveMessage(request -> request.queueUrl(url).maxNumberOfMessages(10)
                    .visibilityTimeout(30).waitTimeSeconds(0)).messages();
            if (received.isEmpty()) {
                break;
            }
            messages.addAll(received);
        }
        messages.forEach(message -> sqs.changeMessageVisibility(request -> request.queueUrl(url)
                .receiptHandle(message.receiptHandle()).visibilityTimeout(0)));
        return messages;
    }
}
