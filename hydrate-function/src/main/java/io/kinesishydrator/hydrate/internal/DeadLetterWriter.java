package io.kinesishydrator.hydrate.internal;

import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.Retrier;
import io.kinesishydrator.hydrate.DeadLetterMessage;
import io.kinesishydrator.hydrate.DeadLetterQueueException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Sends dead-letter messages with {@code SendMessageBatch}: at most 10 entries and {@code maxMessageBytes} a call.
 * A batch can succeed in part (HTTP 200 with {@code Failed[]}); only the failed entries are sent again, so the
 * others are not duplicated. Server-side failures and throttling are retried with backoff; a failure that is
 * the sender's fault, or one that outlasts the retries, is a {@link DeadLetterQueueException}.
 *
 * <p>On a FIFO queue ({@code .fifo}) each message's deduplication id is derived from its batch key and part,
 * so a notification delivered twice does not land twice.
 *
 * <p>A message larger than {@code maxMessageBytes} (one record too large for a message of its own, see
 * {@link RecordRenderer#keepingOversized()}) is stored in the {@link PayloadBucket} first, and SQS gets the
 * pointer to it with the same attributes plus {@code ExtendedPayloadSize}. Every such message is stored before
 * anything is sent, so when one cannot be, nothing of the notification is in the queue yet.
 */
public final class DeadLetterWriter {
    private static final int MAX_BATCH_ENTRIES = 10;

    private final SqsClient sqs;
    private final String queueUrl;
    private final int maxMessageBytes;
    private final Retrier retrier;
    private final Optional<PayloadBucket> payloadBucket;
    private final boolean fifo;

    /** A writer without a payload bucket: a message over {@code maxMessageBytes} is refused. */
    public DeadLetterWriter(SqsClient sqs, String queueUrl, int maxMessageBytes, Retrier retrier) {
        this(sqs, queueUrl, maxMessageBytes, retrier, Optional.empty());
    }

    /** @param maxMessageBytes the queue's limit on a message, and on a batch's total (SQS's own is the same) */
    public DeadLetterWriter(SqsClient sqs, String queueUrl, int maxMessageBytes, Retrier retrier,
                            Optional<PayloadBucket> payloadBucket) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.maxMessageBytes = maxMessageBytes;
        this.retrier = retrier;
        this.payloadBucket = payloadBucket;
        this.fifo = queueUrl.endsWith(".fifo");
    }

    /**
     * @throws PayloadNotStoredException when a message is over the limit and there is no payload bucket, or the
     *                                   bucket did not take it; nothing was sent then
     */
    public void send(List<DeadLetterMessage> messages, Deadline deadline) {
        for (List<DeadLetterMessage> batch : batches(offloadOversized(messages))) {
            sendBatch(batch, deadline);
        }
    }

    private List<DeadLetterMessage> offloadOversized(List<DeadLetterMessage> messages) {
        List<DeadLetterMessage> sendable = new ArrayList<>(messages.size());
        for (DeadLetterMessage message : messages) {
            sendable.add(message.sizeInBytes() <= maxMessageBytes ? message : offload(message));
        }
        return sendable;
    }

    private DeadLetterMessage offload(DeadLetterMessage message) {
        PayloadBucket bucket = payloadBucket.orElseThrow(() -> new PayloadNotStoredException("a message of "
                + message.sizeInBytes() + " bytes is over the queue's limit of " + maxMessageBytes
                + " and no payload bucket is configured (PAYLOAD_BUCKET)", false, null));
        return message.offloadedTo(bucket.store(message.body()));
    }

    private List<List<DeadLetterMessage>> batches(List<DeadLetterMessage> messages) {
        List<List<DeadLetterMessage>> batches = new ArrayList<>();
        List<DeadLetterMessage> current = new ArrayList<>();
        int bytes = 0;
        for (DeadLetterMessage message : messages) {
            int size = message.sizeInBytes();
            if (!current.isEmpty() && (current.size() == MAX_BATCH_ENTRIES || bytes + size > maxMessageBytes)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(message);
            bytes += size;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    private void sendBatch(List<DeadLetterMessage> batch, Deadline deadline) {
        Map<String, SendMessageBatchRequestEntry> pending = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            pending.put("m" + i, entry("m" + i, batch.get(i)));
        }
        try {
            retrier.call(() -> sendPending(pending), DeadLetterWriter::isRetryable, deadline);
        } catch (DeadLetterQueueException failed) {
            throw failed;
        } catch (Exception failed) {
            throw new DeadLetterQueueException("could not send " + pending.size() + " message(s) to " + queueUrl
                    + ": " + failed.getMessage(), failed);
        }
    }

    /** Sends what is pending, drops what SQS took, and fails while anything is left. */
    private Void sendPending(Map<String, SendMessageBatchRequestEntry> pending) {
        SendMessageBatchResponse response = sqs.sendMessageBatch(request -> request
                .queueUrl(queueUrl)
                .entries(new ArrayList<>(pending.values())));
        response.successful().forEach(sent -> pending.remove(sent.id()));
        if (pending.isEmpty()) {
            return null;
        }
        List<BatchResultErrorEntry> failed = response.failed();
        boolean senderFault = failed.stream().anyMatch(BatchResultErrorEntry::senderFault);
        String detail = failed.stream().map(f -> f.code() + ": " + f.message()).distinct().toList().toString();
        if (senderFault) {
            throw new DeadLetterQueueException("the queue refused " + failed.size() + " message(s): " + detail);
        }
        throw new PartialBatchFailure(pending.size() + " message(s) not yet accepted: " + detail);
    }

    private SendMessageBatchRequestEntry entry(String id, DeadLetterMessage message) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        message.attributes().forEach((name, typed) -> attributes.put(name,
                MessageAttributeValue.builder().dataType(typed.getKey()).stringValue(typed.getValue()).build()));
        SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                .id(id)
                .messageBody(message.body())
                .messageAttributes(attributes);
        if (fifo) {
            entry.messageGroupId(message.groupId()).messageDeduplicationId(message.deduplicationId());
        }
        return entry.build();
    }

    private static boolean isRetryable(Exception failure) {
        if (failure instanceof PartialBatchFailure || failure instanceof SdkClientException) {
            return true; // SdkClientException: no answer at all (connection refused, timeout)
        }
        return failure instanceof SqsException sqsFailure
                && (sqsFailure.isThrottlingException() || sqsFailure.statusCode() >= 500);
    }

    /** Some entries of a batch were not taken, for reasons on the queue's side; they are worth sending again. */
    private static final class PartialBatchFailure extends RuntimeException {
        PartialBatchFailure(String message) {
            super(message);
        }
    }
}
