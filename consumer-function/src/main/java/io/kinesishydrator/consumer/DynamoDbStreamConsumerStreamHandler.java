package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * {@link DynamoDbStreamConsumerHandler} behind the runtime's stream interface, as {@link KinesisConsumerStreamHandler}
 * is for Kinesis: it reads the event itself ({@link DynamodbEventReader}) and writes the response itself, so the
 * runtime client never loads its own event serializers. This is the handler template.yaml deploys.
 */
public class DynamoDbStreamConsumerStreamHandler implements RequestStreamHandler {
    private final DynamoDbStreamConsumerHandler handler;

    /** Configured from the environment, as {@link DynamoDbStreamConsumerHandler#DynamoDbStreamConsumerHandler()}. */
    public DynamoDbStreamConsumerStreamHandler() {
        this(new DynamoDbStreamConsumerHandler());
    }

    /** {@code processor} with the retry and idempotency settings from the environment; extend it to pass your own. */
    public DynamoDbStreamConsumerStreamHandler(DynamoDbRecordProcessor processor) {
        this(new DynamoDbStreamConsumerHandler(processor));
    }

    public DynamoDbStreamConsumerStreamHandler(DynamoDbStreamConsumerHandler handler) {
        this.handler = handler;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        StreamsEventResponseWriter.write(handler.handleRequest(DynamodbEventReader.read(input), context), output);
    }
}
