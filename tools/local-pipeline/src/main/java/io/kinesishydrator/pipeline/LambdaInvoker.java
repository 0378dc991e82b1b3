package io.kinesishydrator.pipeline;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import io.kinesishydrator.local.LocalContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Calls a handler in this JVM the way the Lambda Java runtime does: the event goes in as JSON and is read with
 * the runtime's own serializers (aws-lambda-java-serialization), the answer is written back to JSON the same
 * way, and an exception becomes a function error.
 */
final class LambdaInvoker<I, O> {
    private final RequestHandler<I, O> handler;
    private final PojoSerializer<I> input;
    private final PojoSerializer<O> output;
    private final Duration timeout;

    LambdaInvoker(RequestHandler<I, O> handler, Class<I> inputType, Class<O> outputType, Duration timeout) {
        this.handler = handler;
        this.input = serializerFor(inputType);
        this.output = serializerFor(outputType);
        this.timeout = timeout;
    }

    /** What an invocation returned: the response JSON, or the function error the runtime would report. */
    record Result(String response, Throwable functionError) {
        boolean failed() {
            return functionError != null;
        }
    }

    Result invoke(String eventJson) {
        I event = input.fromJson(eventJson);
        try {
            O answer = handler.handleRequest(event, new LocalContext(timeout));
            if (answer == null) {
                return new Result("null", null);
            }
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            output.toJson(answer, json);
            return new Result(json.toString(StandardCharsets.UTF_8), null);
        } catch (RuntimeException | Error thrown) {
            return new Result(null, thrown);
        }
    }

    // The runtime's own choice: the events library's serializers for its types, plain Jackson for the rest.
    private static <T> PojoSerializer<T> serializerFor(Class<T> type) {
        return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                ? LambdaEventSerializers.serializerFor(type, LambdaInvoker.class.getClassLoader())
                : JacksonFactory.getInstance().getSerializer(type);
    }
}
