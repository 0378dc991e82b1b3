package io.kinesishydrator.pipeline;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import io.kinesishydrator.local.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Calls a handler in this JVM the way the Lambda Java runtime does: the event goes in as JSON bytes and the
 * answer comes back as JSON, and an exception becomes a function error. A POJO handler's event is read and its
 * answer written with the runtime's own serializers (aws-lambda-java-serialization).
 */
final class LambdaInvoker {
    private final RequestStreamHandler handler;
    private final Duration timeout;

    LambdaInvoker(RequestStreamHandler handler, Duration timeout) {
        this.handler = handler;
        this.timeout = timeout;
    }

    static <I, O> LambdaInvoker of(RequestHandler<I, O> handler, Class<I> inputType, Class<O> outputType, Duration timeout) {
        PojoSerializer<I> input = serializerFor(inputType);
        PojoSerializer<O> output = serializerFor(outputType);
        return new LambdaInvoker((event, response, context) -> {
            O answer = handler.handleRequest(input.fromJson(event), context);
            if (answer == null) {
                response.write("null".getBytes(StandardCharsets.UTF_8));
            } else {
                output.toJson(answer, response);
            }
        }, timeout);
    }

    /** What an invocation returned: the response JSON, or the function error the runtime would report. */
    record Result(String response, Throwable functionError) {
        boolean failed() {
            return functionError != null;
        }
    }

    Result invoke(String eventJson) {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), response,
                    new LocalContext(timeout));
            return new Result(response.toString(StandardCharsets.UTF_8), null);
        } catch (IOException | RuntimeException | Error thrown) {
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
