package io.kinesishydrator.it;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** A queue on ElasticMQ that tests drain and read as dead-letter messages. */
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

    /** Every message in the queue, received and deleted. */
    public List<Message> drain() {
        List<Message> messages = new ArrayList<>();
        while (true) {
            List<Message> received = sqs.receiveMessage(request -> request.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).messageAttributeNames("All")).messages();
            if (received.isEmpty()) {
                return messages;
            }
            messages.addAll(received);
            received.forEach(message -> sqs.deleteMessage(request -> request.queueUrl(url).receiptHandle(message.receiptHandle())));
        }
    }

    /** A dead-letter message's body, parsed. */
    public static Map<String, Object> body(Message message) {
        try {
            return JSON.std.mapFrom(message.body());
        } catch (IOException notJson) {
            throw new UncheckedIOException(notJson);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> hydration(Message message) {
        return (Map<String, Object>) body(message).get("hydration");
    }

    /** The records of all {@code messages} (parts of one batch), in part order. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> records(List<Message> messages) {
        List<Map<String, Object>> records = new ArrayList<>();
        messages.stream()
                .sorted(Comparator.comparingInt(message -> (Integer) hydration(message).get("part")))
                .forEach(message -> records.addAll((List<Map<String, Object>>) body(message).get("records")));
        return records;
    }

    public static byte[] data(Map<String, Object> record) {
        return Base64.getDecoder().decode((String) record.get("data"));
    }
}
