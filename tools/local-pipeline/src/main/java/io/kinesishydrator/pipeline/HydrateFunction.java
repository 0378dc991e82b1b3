package io.kinesishydrator.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The hydrate, invoked as each OnFailure destination invokes it: synchronously by an SQS event source mapping,
 * which retries by redelivery; asynchronously by SNS and S3, where after its retries (two, as EventInvokeConfig
 * sets) a still failing invocation's record goes to its own OnFailure destination, the dead-letter queue, in
 * Lambda's format.
 */
final class HydrateFunction {
    static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:HydrateFunction:live";
    private static final JsonFactory JSON_FACTORY = new JsonFactory();
    private static final int ASYNC_RETRIES = 2;

    private final LambdaInvoker function;
    private final SqsClient deadLetters;
    private final String deadLetterQueueUrl;

    HydrateFunction(LambdaInvoker function, SqsClient deadLetters, String deadLetterQueueUrl) {
        this.function = function;
        this.deadLetters = deadLetters;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
    }

    /** One synchronous invocation. */
    LambdaInvoker.Result invoke(String event) {
        return function.invoke(event);
    }

    /** An asynchronous invocation with Lambda's retries; false when it failed and went to the dead-letter queue. */
    boolean invokeAsynchronously(String event) {
        LambdaInvoker.Result result = null;
        for (int attempt = 0; attempt <= ASYNC_RETRIES; attempt++) {
            result = function.invoke(event);
            if (!result.failed()) {
                return true;
            }
        }
        String record = asyncFailureRecord(event, result.functionError());
        deadLetters.sendMessage(request -> request.queueUrl(deadLetterQueueUrl).messageBody(record));
        return false;
    }

    /** Lambda's record of an asynchronous invocation that failed after its retries. */
    private static String asyncFailureRecord(String event, LambdaInvoker.FunctionError error) {
        StringWriter text = new StringWriter(event.length() + 512);
        try (JsonGenerator json = JSON_FACTORY.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("version", "1.0");
            json.writeStringField("timestamp", Instant.now().toString());
            json.writeObjectFieldStart("requestContext");
            json.writeStringField("requestId", UUID.randomUUID().toString());
            json.writeStringField("functionArn", ARN);
            json.writeStringField("condition", "RetriesExhausted");
            json.writeNumberField("approximateInvokeCount", ASYNC_RETRIES + 1);
            json.writeEndObject();
            json.writeFieldName("requestPayload");
            json.writeRawValue(event);
            json.writeObjectFieldStart("responseContext");
            json.writeNumberField("statusCode", 200);
            json.writeStringField("executedVersion", "$LATEST");
            json.writeStringField("functionError", "Unhandled");
            json.writeEndObject();
            json.writeObjectFieldStart("responsePayload");
            json.writeStringField("errorMessage", error.errorMessage());
            json.writeStringField("errorType", error.errorType());
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return text.toString();
    }
}
