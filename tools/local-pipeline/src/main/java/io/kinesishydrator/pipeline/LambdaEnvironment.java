package io.kinesishydrator.pipeline;

import io.kinesishydrator.local.LocalCredentials;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A function's environment as Lambda gives it: the template's {@code Environment.Variables}, then the variables
 * Lambda defines for every function (the "Defined runtime environment variables" of the Lambda developer guide:
 * region, runtime, name, memory, version, initialization type, log group and stream, credentials, time zone,
 * locale), then the local servers' endpoints as {@code AWS_ENDPOINT_URL_<SERVICE>}, which the SDK reads. Lambda
 * sets no variable for the timeout: each invocation's deadline comes with it ({@code Lambda-Runtime-Deadline-Ms}).
 */
final class LambdaEnvironment {
    private LambdaEnvironment() {
    }

    static Map<String, String> of(SamFunction function, Map<String, String> endpoints) {
        Map<String, String> environment = new LinkedHashMap<>(function.environment());
        environment.put("AWS_REGION", LocalCredentials.REGION.id());
        environment.put("AWS_DEFAULT_REGION", LocalCredentials.REGION.id());
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + SamFunction.RUNTIME);
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySizeMb()));
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.logicalId());
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        environment.put("AWS_ACCESS_KEY_ID", LocalCredentials.ACCESS_KEY_ID);
        environment.put("AWS_SECRET_ACCESS_KEY", LocalCredentials.SECRET_ACCESS_KEY);
        environment.put("TZ", ":UTC");
        environment.put("LANG", "en_US.UTF-8");
        environment.putAll(endpoints);
        return environment;
    }
}
