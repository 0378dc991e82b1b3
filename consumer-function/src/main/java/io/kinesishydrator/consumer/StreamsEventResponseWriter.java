package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.fasterxml.jackson.core.JsonGenerator;
import io.kinesishydrator.common.EventJson;
import java.io.IOException;
import java.io.OutputStream;

/** Writes a {@link StreamsEventResponse} as the runtime does: {@code {"batchItemFailures":[{"itemIdentifier":"..."}]}}. */
final class StreamsEventResponseWriter {
    private StreamsEventResponseWriter() {
    }

    static void write(StreamsEventResponse response, OutputStream output) throws IOException {
        try (JsonGenerator json = EventJson.generator(output)) {
            json.writeStartObject();
            json.writeArrayFieldStart("batchItemFailures");
            for (BatchItemFailure failure : response.getBatchItemFailures()) {
                json.writeStartObject();
                json.writeStringField("itemIdentifier", failure.getItemIdentifier());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
