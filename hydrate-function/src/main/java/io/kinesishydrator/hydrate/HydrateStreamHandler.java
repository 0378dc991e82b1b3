package io.kinesishydrator.hydrate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonGenerator;
import io.kinesishydrator.common.EventJson;
import io.kinesishydrator.hydrate.internal.EventIntake;
import io.kinesishydrator.hydrate.internal.S3EventReader;
import io.kinesishydrator.hydrate.internal.SnsEventReader;
import io.kinesishydrator.hydrate.internal.SqsEventReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The hydrate function's handler, for all three OnFailure destinations of a stream event source mapping: it
 * tells from the event's records which one invoked it ({@link EventIntake}), reads the event itself (SNS messages,
 * SQS messages, S3 objects) and hands them to {@link HydrateHandler}. It writes the response itself as well, so
 * the runtime client never loads its own JSON serializers at cold start: the {@link HydrateSummary} for SNS and
 * S3, and {@code {"batchItemFailures": [...]}} for SQS, whose event source mapping must have
 * {@code ReportBatchItemFailures}. An event from anything else fails the invocation with the reason.
 */
public class HydrateStreamHandler implements RequestStreamHandler {
    private final HydrateHandler handler;

    /** Configured from the environment, as {@link HydrateHandler#HydrateHandler()}. */
    public HydrateStreamHandler() {
        this(new HydrateHandler());
    }

    public HydrateStreamHandler(HydrateHandler handler) {
        this.handler = handler;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        switch (EventIntake.of(event)) {
            case SNS -> write(handler.hydrate(SnsEventReader.messages(new ByteArrayInputStream(event)), context), output);
            case SQS -> EventJson.writeBatchItemFailures(handler.hydrateQueueMessages(
                    SqsEventReader.messages(new ByteArrayInputStream(event)), context), output);
            case S3 -> write(handler.hydrateObjects(S3EventReader.objects(new ByteArrayInputStream(event)), context), output);
        }
    }

    /** The summary's JSON, field for field what the runtime writes for the bean. */
    static void write(HydrateSummary summary, OutputStream output) throws IOException {
        try (JsonGenerator json = EventJson.generator(output)) {
            json.writeStartObject();
            json.writeNumberField("notifications", summary.getNotifications());
            json.writeNumberField("recordsHydrated", summary.getRecordsHydrated());
            json.writeNumberField("dlqMessages", summary.getDlqMessages());
            writeStrings(json, "statuses", summary.getStatuses());
            writeStrings(json, "batchKeys", summary.getBatchKeys());
            json.writeEndObject();
        }
    }

    private static void writeStrings(JsonGenerator json, String field, Iterable<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
