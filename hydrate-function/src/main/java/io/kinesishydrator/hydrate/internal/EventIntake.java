package io.kinesishydrator.hydrate.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kinesishydrator.common.EventJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which OnFailure destination an event comes from, told by its records' source: SNS writes {@code EventSource}
 * ({@code aws:sns}), SQS and S3 write {@code eventSource} ({@code aws:sqs}, {@code aws:s3}). Anything else, an
 * event without records or one mixing sources, is refused with the reason: the hydrate never quietly does nothing.
 */
public enum EventIntake {
    SNS("aws:sns"),
    SQS("aws:sqs"),
    S3("aws:s3");

    private final String eventSource;

    EventIntake(String eventSource) {
        this.eventSource = eventSource;
    }

    public static EventIntake of(byte[] event) throws IOException {
        EventJson.Records<String> read = EventJson.read(new ByteArrayInputStream(event), "an event", EventIntake::sourceOfRecord);
        List<String> sources = read == null || read.records() == null ? List.of() : read.records();
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("the hydrate takes SNS, SQS or S3 events, and this event has no Records");
        }
        Set<String> distinct = new HashSet<>(sources);
        if (distinct.size() > 1) {
            throw new IllegalArgumentException("the event's records come from several sources: " + distinct);
        }
        String source = sources.get(0);
        for (EventIntake intake : values()) {
            if (intake.eventSource.equals(source)) {
                return intake;
            }
        }
        throw new IllegalArgumentException("the hydrate takes SNS, SQS or S3 events, not records from " + source);
    }

    private static String sourceOfRecord(JsonParser json) throws IOException {
        String source = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if ((field.equals("EventSource") || field.equals("eventSource")) && value == JsonToken.VALUE_STRING) {
                source = json.getText();
            } else {
                json.skipChildren();
            }
        }
        return source;
    }
}
