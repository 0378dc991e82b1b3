package io.kinesishydrator.hydrate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonGenerator;
import io.kinesishydrator.common.EventJson;
import io.kinesishydrator.hydrate.internal.SnsEventReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@link HydrateHandler} behind the runtime's stream interface, the handler template.yaml deploys: it reads the
 * SNS messages itself ({@link SnsEventReader}) and writes the {@link HydrateSummary} itself, so the runtime client
 * never loads its own JSON serializers at cold start. What is hydrated, and when it throws, is the same.
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
        write(handler.hydrate(SnsEventReader.messages(input), context), output);
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
