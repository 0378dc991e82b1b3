package io.kinesishydrator.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * A function that does nothing but take its event as a map: the floor of any handler whose event the runtime
 * client deserializes, its JSON serializers included.
 */
public class EmptyPojoHandler implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "ok";
    }
}
