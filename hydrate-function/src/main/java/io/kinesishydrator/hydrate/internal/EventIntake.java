package io.kinesishydrator.hydrate.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kinesishydrator.common.EventJson;
import io.kinesishydrator.common.JsonFields;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which OnFailure destination an event comes from, told by its records' source: SNS writes {@code EventSource}
 * ({@code aws:sns}), SQS and S3 write {@code eventSource} ({@code aws:sqs}, {@code aws:s3}). Anything else, an
 * event without records or one mixing sources, is refused with the reason: the hydrate never quietly does nothing.
 * The event's structure is read whole or refused ({@link EventJson}); bytes that are not UTF-8 read as U+FFFD, so
 * that they fail no event in a field the hydrate does not use.
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
        EventJson.Records<String> read = EventJson.read(new InputStreamReader(new ByteArrayInputStream(event), StandardCharsets.UTF_8),
                "an event", EventIntake::sourceOfRecord);
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
        for (String field = JsonFields.nextField(json); field != null; field = JsonFields.nextField(json)) {
            JsonToken value = json.nextToken();
            if (field.equals("EventSource") || field.equals("eventSource")) {
                source = JsonFields.text(json, value, field);
            } else {
                json.skipChildren();
            }
        }
        return source;
    }
}
