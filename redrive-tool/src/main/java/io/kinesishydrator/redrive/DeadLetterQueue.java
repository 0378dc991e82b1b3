package io.kinesishydrator.redrive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The dead-letter queue as a redrive uses it: messages are received and held invisible while they are worked
 * on, deleted once their records are in the stream, and made visible again at once when they stay.
 */
final class DeadLetterQueue {
    private static final int MAX_BATCH = 10;
    // Long polling asks every SQS server; a short poll may answer empty while messages wait elsewhere.
    private static final int WAIT_SECONDS = 1;

    private final SqsClient sqs;
    private final String url;
    private final int approximateMessages;

    private DeadLetterQueue(SqsClient sqs, String url, int approximateMessages) {
        this.sqs = sqs;
        this.url = url;
        this.approximateMessages = approximateMessages;
    }

    /** The queue with this URL or name; a {@link ToolException} when there is none. */
    static DeadLetterQueue open(SqsClient sqs, String urlOrName) {
        try {
            String url = urlOrName.startsWith("https://") || urlOrName.startsWith("http://")
                    ? urlOrName : sqs.getQueueUrl(request -> request.queueName(urlOrName)).queueUrl();
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(request -> request.queueUrl(url)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes();
            return new DeadLetterQueue(sqs, url,
                    Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")));
        } catch (QueueDoesNotExistException missing) {
            throw new ToolException("queue " + urlOrName + " does not exist (or is in another region or account)");
        }
    }

    String url() {
        return url;
    }

    /** The number of visible messages when the queue was opened, as SQS estimates it. */
    int approximateMessages() {
        return approximateMessages;
    }

    /**
     * At most {@code max} messages (up to 10), each invisible to other readers for {@code visibility}, with the
     * attribute that marks a message whose body was offloaded to S3 ({@link PayloadPointer}).
     */
    List<Message> receive(int max, Duration visibility) {
        return sqs.receiveMessage(request -> request.queueUrl(url).maxNumberOfMessages(Math.min(max, MAX_BATCH))
                .messageAttributeNames(PayloadPointer.SIZE_ATTRIBUTES)
                .visibilityTimeout((int) visibility.toSeconds()).waitTimeSeconds(WAIT_SECONDS)).messages();
    }

    /**
     * Keeps {@code message} invisible for another {@code visibility}; false when it is no longer this reader's
     * to delete (its visibility ran out and it may be someone else's now).
     */
    boolean hold(Message message, Duration visibility) {
        try {
            sqs.changeMessageVisibility(request -> request.queueUrl(url).receiptHandle(message.receiptHandle())
                    .visibilityTimeout((int) visibility.toSeconds()));
            return true;
        } catch (SqsException stale) {
            if (stale.statusCode() == 400) {
                return false;
            }
            throw stale;
        }
    }

    void delete(Message message) {
        sqs.deleteMessage(request -> request.queueUrl(url).receiptHandle(message.receiptHandle()));
    }

    /** Makes {@code messages} visible again now; returns how many SQS did not take back (they reappear on their own). */
    int release(List<Message> messages) {
        int notReleased = 0;
        for (int from = 0; from < messages.size(); from += MAX_BATCH) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            List<Message> batch = messages.subList(from, Math.min(messages.size(), from + MAX_BATCH));
            for (int i = 0; i < batch.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id("m" + i)
                        .receiptHandle(batch.get(i).receiptHandle()).visibilityTimeout(0).build());
            }
            ChangeMessageVisibilityBatchResponse response = sqs.changeMessageVisibilityBatch(request -> request.queueUrl(url).entries(entries));
            notReleased += response.failed().size();
        }
        return notReleased;
    }
}
