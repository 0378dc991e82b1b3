package io.kinesishydrator.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The cold-start reference: a function that does nothing, so what remains is the JVM and the runtime client. A
 * stream handler, so that not even the runtime's own JSON serializers are loaded: the true floor.
 */
public class EmptyHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write("\"ok\"".getBytes(StandardCharsets.US_ASCII));
    }
}
