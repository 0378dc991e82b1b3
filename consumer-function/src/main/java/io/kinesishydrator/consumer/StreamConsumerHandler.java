package io.kinesishydrator.consumer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.EventJson;
import io.kinesishydrator.common.LogContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream event source's handler: it reads the event JSON itself and writes the {@code batchItemFailures}
 * response itself, so the runtime client never loads its own event serializers, about 235 classes and most of a
 * consumer's cold start above an empty function's (see BENCHMARKS.md). The records between the two go through a
 * {@link StreamBatchProcessor}, which keeps back the safety margin from the invocation's remaining time.
 *
 * <p>Its event source mapping must set {@code FunctionResponseTypes: [ReportBatchItemFailures]}, or Lambda
 * ignores the response and retries whole batches. Deploy {@link KinesisConsumerHandler} or
 * {@link DynamoDbStreamConsumerHandler}.
 */
public abstract class StreamConsumerHandler<R> implements RequestStreamHandler {
    private final StreamBatchProcessor<R> batchProcessor;
    private final Duration safetyMargin;

    StreamConsumerHandler(StreamBatchProcessor<R> batchProcessor, Duration safetyMargin) {
        this.batchProcessor = batchProcessor;
        this.safetyMargin = safetyMargin;
    }

    /**
     * A malformed event fails the invocation before any record is processed; a null or empty one answers no
     * failure. The output stream is the runtime's, which it, not the handler, closes.
     */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        List<R> records = batchProcessor.source().records(input);
        StreamsEventResponse response;
        try (LogContext ignored = LogContext.forRequest(context == null ? null : context.getAwsRequestId())) {
            response = batchProcessor.process(records, Deadline.of(context, safetyMargin));
        }
        List<String> failed = new ArrayList<>(1);
        for (StreamsEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            failed.add(failure.getItemIdentifier());
        }
        EventJson.writeBatchItemFailures(failed, output);
    }
}
