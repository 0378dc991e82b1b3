package io.kinesishydrator.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** A queue on ElasticMQ that tests send to, drain, or look into without consuming it. */
public final class TestQueue {
    private final SqsClient sqs;
    private final String url;

    TestQueue(SqsClient sqs, String url) {
        this.sqs = sqs;
        this.url = url;
    }

    public String url() {
        return url;
    }

    public void send(String body) {
        sqs.sendMessage(request -> request.queueUrl(url).messageBody(body));
    }

    /** Every message in the queue, received and deleted; each page is deleted at once, which lets a FIFO group go on. */
    public List<Message> drain() {
        return receiveAll(message -> sqs.deleteMessage(request -> request.queueUrl(url).receiptHandle(message.receiptHandle())));
    }

    /** The messages visible now, each made visible again after all are read. */
    public List<Message> visibleMessages() {
        List<Message> messages = receiveAll(message -> { });
        messages.forEach(message -> sqs.changeMessageVisibility(request -> request.queueUrl(url)
                .receiptHandle(message.receiptHandle()).visibilityTimeout(0)));
        return messages;
    }

    /** Receives until the queue answers empty; what was received stays invisible meanwhile, so none comes twice. */
    private List<Message> receiveAll(Consumer<Message> onReceived) {
        List<Message> messages = new ArrayList<>();
        while (true) {
            List<Message> received = sqs.receiveMessage(request -> request.queueUrl(url).maxNumberOfMessages(10)
                    .visibilityTimeout(30).waitTimeSeconds(0).messageAttributeNames("All")).messages();
            if (received.isEmpty()) {
                return messages;
            }
            received.forEach(onReceived);
            messages.addAll(received);
        }
    }
}
