package io.kinesishydrator.hydrate.internal;

import io.kinesishydrator.hydrate.DeadLetterMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a notification and the records read for it into dead-letter messages, each under the queue's size limit.
 *
 * <p>A message body is the OnFailure record as received, with two fields added: {@code hydration}
 * (batch key, part, and on the last part the range's status: see {@link DeadLetterEnvelope}) and {@code records},
 * part of the range in shard order, written by the stream's {@link RecordRenderer}. A range too large for one
 * message is split into parts that share the batch key, sent as they fill ({@link DeadLetterPacker}). The
 * record's text is changed only as {@link NotificationText} says (earlier hydration fields renamed, characters
 * SQS refuses escaped); the whole body holds only characters SQS accepts.
 *
 * <p>For Kinesis (records read from the stream, and records taken from an S3 OnFailure object's payload), each
 * record carries its bytes in exactly one field. {@code text} when the bytes are well-formed UTF-8 (see
 * {@link Utf8#decode}): the record's bytes are the UTF-8 encoding of the JSON string's value. Otherwise
 * {@code data}: the bytes in base64. A text record whose text does not fit in a message but whose base64 does is
 * written with {@code data}. A record that fits in a message of its own in neither form is sent without its
 * data: metadata, {@code dataBytes}, {@code dataSha256} and {@code truncated: true}; or, when the writer has a
 * payload bucket, whole in a message of its own over the limit, which the {@link DeadLetterWriter} stores there
 * (see {@link OversizedRecords}). A record the Kinesis
 * Producer Library aggregated is listed as its user records, each written the same way, with the Kinesis
 * record's sequence number, its own sub-sequence number and its own partition key (and explicit hash key), so a
 * replay puts back what the producer wrote. For DynamoDB streams, see {@link DynamoDbRecordRenderer}.
 */
public final class DeadLetterComposer {
    private final int maxMessageBytes;
    private final boolean payloadBucket;

    /** A composer for a writer without a payload bucket: a record that fits in no message is truncated. */
    public DeadLetterComposer(int maxMessageBytes) {
        this(maxMessageBytes, false);
    }

    /** @param payloadBucket whether the writer stores messages too large for the queue in a payload bucket */
    public DeadLetterComposer(int maxMessageBytes, boolean payloadBucket) {
        this.maxMessageBytes = maxMessageBytes;
        this.payloadBucket = payloadBucket;
    }

    /**
     * The messages of one notification's range, handed to {@code messages} as each fills (see
     * {@link DeadLetterPacker}).
     *
     * @param recordsFrom where the records come from when not from the stream, for {@code hydration.recordsFrom}; else null
     * @param from        the continuation the range goes on from, or null from its start
     */
    public <R> DeadLetterPacker<R> packer(FailureNotification notification, RecordRenderer<R> renderer, String recordsFrom,
                                          Continuation from, Consumer<DeadLetterMessage> messages) {
        return new DeadLetterPacker<>(new DeadLetterEnvelope(notification, recordsFrom), new OversizedRecords<>(renderer, payloadBucket),
                maxMessageBytes, from, messages);
    }

    /**
     * The message for a notification that cannot be parsed, the reason in the attributes: JSON as received,
     * other text in base64 (see {@link NotificationText#unparseableBody}).
     */
    public DeadLetterMessage unparseable(String rawMessage, String reason) {
        String body = NotificationText.unparseableBody(rawMessage);
        String batchKey = "unparseable/" + Sha256.hex(body);
        return new DeadLetterMessage(body, batchKey, 1, 1, DeadLetterMessage.UNPARSEABLE, reason);
    }

    /**
     * The message for an unparseable notification whose message could not be sent ({@code failure}: it is too large
     * for the queue and was not stored in the payload bucket): its size and digest instead of its text, under the
     * same batch key, the failure added to the reason.
     */
    public DeadLetterMessage unparseableDigest(DeadLetterMessage unsent, String failure) {
        Map<String, Object> digest = new LinkedHashMap<>();
        digest.put("truncated", Boolean.TRUE);
        digest.put("bodyBytes", Utf8.length(unsent.body()));
        digest.put("bodySha256", Sha256.hex(unsent.body()));
        return new DeadLetterMessage(RecordJson.object(Map.of("unparseable", digest)), unsent.batchKey(), 1, 1,
                DeadLetterMessage.UNPARSEABLE, unsent.reason() + "; " + failure);
    }

    /**
     * The message for an S3 OnFailure object that cannot be read or parsed: it names the object (which may hold
     * more than a message can, or be gone), the reason in the attributes.
     */
    public DeadLetterMessage unparseable(S3ObjectReference object, String reason) {
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("bucket", object.bucket());
        location.put("key", object.key());
        return unparseable(RecordJson.object(Map.of("onFailureObject", location)), reason);
    }
}
