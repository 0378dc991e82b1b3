package io.kinesishydrator.pipeline;

import io.kinesishydrator.local.LocalCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code AWS::Serverless::Function} as the local run starts it: its properties over {@code Globals.Function},
 * SAM's defaults where neither sets one (128 MB, 3 s).
 *
 * @param codeUri the {@code CodeUri} folder, resolved against the template's folder
 * @param buildMethod the resource's {@code Metadata.BuildMethod}, which picks how {@code sam build} builds it
 */
record SamFunction(String logicalId, String handler, int memorySizeMb, Duration timeout, Path codeUri,
                   Optional<String> buildMethod, TemplateContext context) {
    static final String RUNTIME = "java21";
    private static final int DEFAULT_MEMORY_SIZE_MB = 128;
    private static final int DEFAULT_TIMEOUT_SECONDS = 3;

    /** Reads {@code logicalId} of {@code context}; a runtime other than java21 is an error. */
    static SamFunction read(TemplateContext context, String logicalId) {
        String where = logicalId + " Properties.";
        Map<?, ?> properties = context.properties(logicalId);
        Object declaredRuntime = property(context, properties, "Runtime");
        String runtime = declaredRuntime == null ? "none" : context.text(declaredRuntime, where + "Runtime");
        if (!RUNTIME.equals(runtime)) {
            throw new IllegalArgumentException(context.template() + ": " + logicalId + " has Runtime " + runtime
                    + "; the local run starts " + RUNTIME + " functions only");
        }
        Object handler = property(context, properties, "Handler");
        Object codeUri = property(context, properties, "CodeUri");
        if (handler == null || codeUri == null) {
            throw new IllegalArgumentException(context.template() + ": " + logicalId + " needs a Handler and a local CodeUri folder");
        }
        Object memory = property(context, properties, "MemorySize");
        Object timeout = property(context, properties, "Timeout");
        return new SamFunction(logicalId, context.text(handler, where + "Handler"),
                memory == null ? DEFAULT_MEMORY_SIZE_MB : Integer.parseInt(context.text(memory, where + "MemorySize")),
                Duration.ofSeconds(timeout == null ? DEFAULT_TIMEOUT_SECONDS : Long.parseLong(context.text(timeout, where + "Timeout"))),
                context.template().toAbsolutePath().getParent().resolve(context.text(codeUri, where + "CodeUri")).normalize(),
                buildMethod(context, logicalId), context);
    }

    /** {@code Environment.Variables}, the function's over the globals', evaluated. */
    Map<String, String> environment() {
        Map<String, String> variables = new LinkedHashMap<>();
        addVariables(context.functionGlobal("Environment"), "Globals.Function.Environment", variables);
        addVariables(context.properties(logicalId).get("Environment"), logicalId + " Environment", variables);
        return variables;
    }

    private void addVariables(Object environment, String where, Map<String, String> variables) {
        if (environment instanceof Map<?, ?> map && map.get("Variables") instanceof Map<?, ?> declared) {
            declared.forEach((name, value) -> {
                Object resolved = context.resolve(value, where + ".Variables." + name);
                if (resolved != TemplateContext.NO_VALUE) {
                    variables.put(String.valueOf(name), context.text(resolved, where + ".Variables." + name));
                }
            });
        }
    }

    /** The ARN of the function's live alias, which the event sources invoke. */
    String arn() {
        return "arn:aws:lambda:" + LocalCredentials.REGION.id() + ":" + LocalCredentials.ACCOUNT_ID + ":function:" + logicalId + ":live";
    }

    /** {@code Metadata} is a resource attribute beside {@code Properties}, which {@code sam build} reads as it is. */
    private static Optional<String> buildMethod(TemplateContext context, String logicalId) {
        return context.resource(logicalId).get("Metadata") instanceof Map<?, ?> metadata && metadata.get("BuildMethod") != null
                ? Optional.of(String.valueOf(metadata.get("BuildMethod"))) : Optional.empty();
    }

    private static Object property(TemplateContext context, Map<?, ?> properties, String name) {
        return properties.containsKey(name) ? properties.get(name) : context.functionGlobal(name);
    }
}
