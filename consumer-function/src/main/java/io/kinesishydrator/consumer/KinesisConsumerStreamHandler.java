package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
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
        StreamsEventResponseWriter.write(handler.handleRequest(KinesisEventReader.read(input), context), output);
    }
}
