package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@link KinesisConsumerHandler} behind the runtime's stream interface: it reads the Kinesis event itself
 * ({@link KinesisEventReader}) and writes the {@code batchItemFailures} response itself, so the runtime client
 * never loads its own event serializers, about 235 classes and most of the consumer's cold start above an empty
 * function's (see BENCHMARKS.md). The event, the records the processor sees and the response are the same as
 * through {@link KinesisConsumerHandler}; this is the handler template.yaml deploys.
 */
public class KinesisConsumerStreamHandler implements RequestStreamHandler {
    /** The response is written to the runtime's stream, which the runtime, not the handler, closes. */
    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final KinesisConsumerHandler handler;

    /** Configured from the environment, as {@link KinesisConsumerHandler#KinesisConsumerHandler()}. */
    public KinesisConsumerStreamHandler() {
        this(new KinesisConsumerHandler());
    }

    /** {@code processor} with the retry and idempotency settings from the environment; extend it to pass your own. */
    public KinesisConsumerStreamHandler(RecordProcessor processor) {
        this(new KinesisConsumerHandler(processor));
    }

    public KinesisConsumerStreamHandler(KinesisConsumerHandler handler) {
        this.handler = handler;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        write(handler.handleRequest(KinesisEventReader.read(input), context), output);
    }

    /** {@code {"batchItemFailures":[{"itemIdentifier":"..."}]}}, as the runtime writes a {@link StreamsEventResponse}. */
    static void write(StreamsEventResponse response, OutputStream output) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(output)) {
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
