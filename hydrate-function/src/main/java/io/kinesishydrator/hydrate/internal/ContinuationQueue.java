package io.kinesishydrator.hydrate.internal;

import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.Retrier;
import io.kinesishydrator.hydrate.DeadLetterQueueException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The hydrate's own SQS intake queue, where a range that ran out of time is handed on as a {@link Continuation}
 * for another invocation. Throttling, server errors and no answer are retried; a queue that will not take it is
 * a {@link DeadLetterQueueException}, as for the dead-letter queue, so the notification is retried as a whole.
 * On a FIFO queue the deduplication id is the batch key and the continuation's number.
 */
public final class ContinuationQueue {
    private final SqsClient sqs;
    private final String queueUrl;
    private final Retrier retrier;

    public ContinuationQueue(SqsClient sqs, String queueUrl, Retrier retrier) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.retrier = retrier;
    }

    public void send(FailureNotification notification, Continuation continuation, Deadline deadline) {
        String batchKey = notification.batchInfo().batchKey();
        SendMessageRequest.Builder request = SendMessageRequest.builder()
                .queueUrl(queueUrl)
                .messageBody(continuation.message(notification.json()));
        if (queueUrl.endsWith(".fifo")) {
            request.messageGroupId(Sha256.hex(batchKey))
                    .messageDeduplicationId(Sha256.hex(batchKey + "#continuation" + continuation.number()));
        }
        try {
            retrier.call(() -> sqs.sendMessage(request.build()), ContinuationQueue::isRetryable, deadline);
        } catch (Exception failed) {
            throw new DeadLetterQueueException("could not hand " + batchKey + " on to " + queueUrl + ": " + failed.getMessage(), failed);
        }
    }

    private static boolean isRetryable(Exception failure) {
        return failure instanceof SdkClientException
                || failure instanceof SqsException sqsFailure && (sqsFailure.isThrottlingException() || sqsFailure.statusCode() >= 500);
    }
}
