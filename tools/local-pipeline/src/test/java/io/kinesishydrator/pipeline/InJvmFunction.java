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
 * A handler called in the test's JVM the way the Lambda Java runtime calls it: the event goes in as JSON bytes and
 * the answer comes back as JSON, and an exception becomes a function error. A POJO handler's event is read and its
 * answer written with the runtime's own serializers (aws-lambda-java-serialization). For the mapping's tests,
 * which need a handler's answers, not a JVM per function.
 */
final class InJvmFunction implements LambdaInvoker {
    private final RequestStreamHandler handler;
    private final Duration timeout;

    InJvmFunction(RequestStreamHandler handler, Duration timeout) {
        this.handler = handler;
        this.timeout = timeout;
    }

    static <I, O> InJvmFunction of(RequestHandler<I, O> handler, Class<I> inputType, Class<O> outputType, Duration timeout) {
        PojoSerializer<I> input = serializerFor(inputType);
        PojoSerializer<O> output = serializerFor(outputType);
        return new InJvmFunction((event, response, context) -> {
            O answer = handler.handleRequest(input.fromJson(event), context);
            if (answer == null) {
                response.write("null".getBytes(StandardCharsets.UTF_8));
            } else {
                output.toJson(answer, response);
            }
        }, timeout);
    }

    @Override
    public Result invoke(String eventJson) {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), response,
                    new LocalContext(timeout));
            return Result.response(response.toString(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException | Error thrown) {
            return Result.error(thrown.getClass().getName(), thrown.getMessage());
        }
    }

    // The runtime's own choice: the events library's serializers for its types, plain Jackson for the rest.
    private static <T> PojoSerializer<T> serializerFor(Class<T> type) {
        return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                ? LambdaEventSerializers.serializerFor(type, InJvmFunction.class.getClassLoader())
                : JacksonFactory.getInstance().getSerializer(type);
    }
}
