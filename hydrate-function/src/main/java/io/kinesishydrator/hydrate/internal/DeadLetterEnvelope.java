package io.kinesishydrator.hydrate.internal;

import io.kinesishydrator.hydrate.DeadLetterMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything in a dead-letter message but its records: the OnFailure record as received and {@code hydration}.
 * A message before a range's last is sent before the range's outcome is known, so its {@code hydration} says
 * only which part it is, {@code PARTIAL}, with no {@code parts}; the last message carries {@code parts} and the
 * range's status, what is missing and the notes.
 */
final class DeadLetterEnvelope {
    // A message before the last is sized with numbers this wide, so one budget holds for all of them.
    private static final int WIDEST_NUMBER = Integer.MAX_VALUE;

    private final String notificationPrefix;
    private final String batchKey;
    private final String recordsFrom;

    DeadLetterEnvelope(FailureNotification notification, String recordsFrom) {
        this.notificationPrefix = NotificationText.prefix(notification.json());
        this.batchKey = notification.batchInfo().batchKey();
        this.recordsFrom = recordsFrom;
    }

    /** The size of any message before the last, without its records. */
    int sizeOfWidestPartial() {
        return partial(WIDEST_NUMBER, List.of()).sizeInBytes() + Integer.toString(WIDEST_NUMBER).length();
    }

    DeadLetterMessage partial(int part, List<String> records) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("batchKey", batchKey);
        fields.put("part", part);
        fields.put("status", DeadLetterMessage.PARTIAL);
        fields.put("recordsInMessage", records.size());
        fields.put("recordsFrom", recordsFrom);
        return new DeadLetterMessage(body(fields, records), batchKey, part, null, DeadLetterMessage.PARTIAL, null);
    }

    DeadLetterMessage last(int part, RangeRead read, List<String> records) {
        String status = read.complete() ? DeadLetterMessage.COMPLETE : DeadLetterMessage.INCOMPLETE;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("batchKey", batchKey);
        fields.put("part", part);
        fields.put("parts", part);
        fields.put("status", status);
        fields.put("reason", read.reason());
        fields.put("recordsRead", read.recordsRead());
        fields.put("recordsInMessage", records.size());
        fields.put("lastSequenceNumberRead", read.complete() ? null : read.lastSequenceNumberRead());
        fields.put("missing", read.missing().isEmpty() ? null : read.missing().stream().map(DeadLetterEnvelope::missingRange).toList());
        fields.put("notes", read.notes().isEmpty() ? null : read.notes());
        fields.put("recordsFrom", recordsFrom);
        return new DeadLetterMessage(body(fields, records), batchKey, part, part, status, read.reason());
    }

    private String body(Map<String, Object> hydration, List<String> records) {
        StringBuilder body = new StringBuilder(notificationPrefix.length() + 512 + records.size() * 256);
        body.append(notificationPrefix).append(",\"hydration\":").append(RecordJson.object(hydration));
        body.append(",\"records\":[").append(String.join(",", records)).append("]}");
        return body.toString();
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
