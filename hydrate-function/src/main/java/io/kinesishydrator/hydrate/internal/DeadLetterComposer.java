package io.kinesishydrator.hydrate.internal;

import io.kinesishydrator.hydrate.DeadLetterMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a notification and the records read for it into dead-letter messages, each under the queue's size limit.
 *
 * <p>A message body is the OnFailure record as received, with two fields added: {@code hydration}
 * (batch key, part i of n, status, reason) and {@code records}, part of the range in shard order, written by
 * the stream's {@link RecordRenderer}. A range too large for one message is split into parts that share the
 * batch key. The record's text is changed only as {@link NotificationText} says (earlier hydration fields
 * renamed, characters SQS refuses escaped); the whole body holds only characters SQS accepts.
 *
 * <p>For Kinesis (records read from the stream, and records taken from an S3 OnFailure object's payload), each
 * record carries its bytes in exactly one field. {@code text} when the bytes are well-formed UTF-8 (see
 * {@link Utf8#decode}): the record's bytes are the UTF-8 encoding of the JSON string's value. Otherwise
 * {@code data}: the bytes in base64. A text record whose text does not fit in a message but whose base64 does is
 * written with {@code data}. A record that fits in a message of its own in neither form is sent without its
 * data: metadata, {@code dataBytes}, {@code dataSha256} and {@code truncated: true}; or, from a renderer
 * {@link RecordRenderer#keepingOversized() keeping oversized records}, whole in a message of its own over the
 * limit, which the {@link DeadLetterWriter} stores in the payload bucket. A record the Kinesis
 * Producer Library aggregated is listed as its user records, each written the same way, with the Kinesis
 * record's sequence number, its own sub-sequence number and its own partition key (and explicit hash key), so a
 * replay puts back what the producer wrote. For DynamoDB streams, see {@link DynamoDbRecordRenderer}.
 */
public final class DeadLetterComposer {
    // The envelope is sized with part numbers this wide, so the budget holds for any part count.
    private static final int WIDEST_PART_NUMBER = Integer.MAX_VALUE;

    private final int maxMessageBytes;

    public DeadLetterComposer(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    public <R> List<DeadLetterMessage> compose(FailureNotification notification, RangeRead<R> read, RecordRenderer<R> renderer) {
        return compose(notification, read, renderer, null);
    }

    /**
     * As {@link #compose(FailureNotification, RangeRead, RecordRenderer)}, for records that were not read from
     * the stream: {@code recordsFrom} says where they came from, in {@code hydration.recordsFrom}.
     */
    public <R> List<DeadLetterMessage> compose(FailureNotification notification, RangeRead<R> read, RecordRenderer<R> renderer,
                                               String recordsFrom) {
        String status = read.complete() ? DeadLetterMessage.COMPLETE : DeadLetterMessage.INCOMPLETE;
        List<R> records = read.records();
        String lastRead = records.isEmpty() ? null : renderer.sequenceNumber(records.get(records.size() - 1));
        Envelope envelope = new Envelope(notification, read, status, lastRead, recordsFrom);
        int budget = maxMessageBytes - envelope.sizeOfWidest();
        if (budget <= 0) {
            throw new IllegalStateException("the dead-letter message limit of " + maxMessageBytes
                    + " bytes cannot hold even the notification; raise DLQ_MAX_MESSAGE_BYTES");
        }
        List<List<String>> parts = pack(renderAll(records, renderer, budget), budget);
        List<DeadLetterMessage> messages = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            messages.add(envelope.message(i + 1, parts.size(), parts.get(i)));
        }
        return messages;
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

    private static <R> List<String> renderAll(List<R> records, RecordRenderer<R> renderer, int budget) {
        List<String> rendered = new ArrayList<>(records.size());
        for (R record : records) {
            rendered.addAll(renderer.render(record, budget));
        }
        return rendered;
    }

    /** Fills parts in order, each with as many records as fit; an empty range still makes one part. */
    private static List<List<String>> pack(List<String> records, int budget) {
        List<List<String>> parts = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int used = 0;
        for (String record : records) {
            int size = Utf8.length(record) + (current.isEmpty() ? 0 : 1);
            if (!current.isEmpty() && used + size > budget) {
                parts.add(current);
                current = new ArrayList<>();
                size = Utf8.length(record);
                used = 0;
            }
            current.add(record);
            used += size;
        }
        parts.add(current);
        return parts;
    }

    /** Everything in a message but its records. */
    private static final class Envelope {
        private final String notificationPrefix;
        private final String batchKey;
        private final String status;
        private final String reason;
        private final RangeRead<?> read;
        private final String lastSequenceNumberRead;
        private final String recordsFrom;

        Envelope(FailureNotification notification, RangeRead<?> read, String status, String lastSequenceNumberRead,
                 String recordsFrom) {
            this.notificationPrefix = NotificationText.prefix(notification.json());
            this.batchKey = notification.batchInfo().batchKey();
            this.status = status;
            this.reason = read.reason();
            this.read = read;
            this.lastSequenceNumberRead = lastSequenceNumberRead;
            this.recordsFrom = recordsFrom;
        }

        int sizeOfWidest() {
            return message(WIDEST_PART_NUMBER, WIDEST_PART_NUMBER, List.of()).sizeInBytes();
        }

        DeadLetterMessage message(int part, int parts, List<String> records) {
            return new DeadLetterMessage(body(part, parts, records), batchKey, part, parts, status, reason);
        }

        private String body(int part, int parts, List<String> records) {
            StringBuilder body = new StringBuilder(notificationPrefix.length() + 512 + records.size() * 256);
            body.append(notificationPrefix).append(",\"hydration\":").append(hydration(part, parts, records.size()));
            body.append(",\"records\":[").append(String.join(",", records)).append("]}");
            return body.toString();
        }

        private String hydration(int part, int parts, int recordsInMessage) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("batchKey", batchKey);
            fields.put("part", part);
            fields.put("parts", parts);
            fields.put("status", status);
            fields.put("reason", reason);
            fields.put("recordsRead", read.records().size());
            fields.put("recordsInMessage", recordsInMessage);
            fields.put("lastSequenceNumberRead", read.complete() ? null : lastSequenceNumberRead);
            fields.put("missing", read.missing().isEmpty() ? null : read.missing().stream().map(Envelope::missingRange).toList());
            fields.put("notes", read.notes().isEmpty() ? null : read.notes());
            fields.put("recordsFrom", recordsFrom);
            return RecordJson.object(fields);
        }

        private static Map<String, Object> missingRange(MissingRange range) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("from", range.from());
            fields.put("after", range.after());
            fields.put("before", range.before());
            fields.put("through", range.through());
            fields.put("reason", range.reason());
            return fields;
        }
    }
}
