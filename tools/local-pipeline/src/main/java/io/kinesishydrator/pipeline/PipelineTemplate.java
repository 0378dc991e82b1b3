package io.kinesishydrator.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of a SAM template the local run plays, found by following the template as CloudFormation wires it: the
 * consumer (the function whose Kinesis or DynamoDB event the mapping plays), the stream that event reads (a Kinesis
 * stream, or a DynamoDB table, whose stream is read), the OnFailure
 * destination it names (into a nested application when it is a {@code !GetAtt App.Outputs.X}), the hydrate (the
 * function with an SNS, SQS or S3 event on that destination's resources) and the dead-letter queue (the hydrate's
 * {@code EventInvokeConfig} OnFailure destination). Every other resource is not played, and listed.
 */
final class PipelineTemplate {
    /** The local name of a Kinesis stream that the template creates. */
    private static final String DEFAULT_STREAM_NAME = "orders";
    private static final Pattern KINESIS_STREAM_ARN = Pattern.compile("arn:aws[a-z-]*:kinesis:[a-z0-9-]*:\\d*:stream/([A-Za-z0-9_.-]{1,128})");
    private final TemplateContext root;
    private final PlayedResources played = new PlayedResources();
    /** The nested applications followed, by their logical id. */
    private final Map<String, TemplateContext> applications = new LinkedHashMap<>();
    private final SamFunction consumer;
    private final StreamSource source;
    /** The table whose stream is played; null for a Kinesis stream. */
    private final TableDefinition table;
    private final SamFunction hydrate;
    /** The Kinesis stream's name on kinesis-mock; null for a table's stream. */
    private final String streamName;

    private PipelineTemplate(Path template, String consumerId, Map<String, String> parameterOverrides) {
        root = TemplateContext.load(template, parameterOverrides, played);
        consumer = SamFunction.read(root, consumerId);
        Map.Entry<String, Map<?, ?>> event = streamEvent(root, consumerId);
        Map<?, ?> streamEvent = event.getValue().get("Properties") instanceof Map<?, ?> properties ? properties : Map.of();
        String streamWhere = consumerId + " event " + event.getKey() + " Stream";
        Optional<Target> stream = resource(root, streamEvent.get("Stream"));
        if ("DynamoDB".equals(event.getValue().get("Type"))) {
            source = StreamSource.DYNAMODB;
            Target tableResource = stream.orElseThrow(() -> new IllegalArgumentException(root.template() + ": " + streamWhere
                    + " names no table of the template; the local run creates the table from its KeySchema, so it must be "
                    + "!GetAtt <Table>.StreamArn of an AWS::DynamoDB::Table here, got " + streamEvent.get("Stream")));
            played.play(tableResource.context(), tableResource.logicalId(), PlayedResources.Kind.TABLE, "AWS::DynamoDB::Table");
            table = TableDefinition.read(tableResource.context(), tableResource.logicalId());
            played.setValues(PlayedResources.Values.tableStandIns(table.tableName()));
            streamName = null;
        } else {
            source = StreamSource.KINESIS;
            stream.ifPresent(resource -> played.play(resource.context(), resource.logicalId(), PlayedResources.Kind.STREAM,
                    "AWS::Kinesis::Stream"));
            table = null;
            streamName = stream.isPresent() ? DEFAULT_STREAM_NAME : externalStreamName(streamEvent.get("Stream"), streamWhere);
        }
        hydrate = onFailureDestination(streamEvent).map(destination -> hydrateBehind(destination)).orElse(null);
    }

    /**
     * A stream the template does not create, named by its ARN (a parameter, as when a stack consumes a stream that
     * another stack owns): the local stream takes the ARN's stream name.
     */
    private String externalStreamName(Object expression, String where) {
        String arn = root.text(expression, where);
        Matcher stream = KINESIS_STREAM_ARN.matcher(arn);
        if (!stream.matches()) {
            throw new IllegalArgumentException(root.template() + ": " + where + " must name an AWS::Kinesis::Stream of the "
                    + "template or be a Kinesis stream's ARN, got " + arn);
        }
        return stream.group(1);
    }

    /** Reads {@code template}; every problem is an {@link IllegalArgumentException} naming the template and the value. */
    static PipelineTemplate read(Path template, String consumerId, Map<String, String> parameterOverrides) {
        return new PipelineTemplate(template, consumerId, parameterOverrides);
    }

    SamFunction consumer() {
        return consumer;
    }

    /** The kind of stream the consumer's event reads. */
    StreamSource source() {
        return source;
    }

    /**
     * The Kinesis stream's name on kinesis-mock: {@code orders} for a stream of the template, the ARN's name for one
     * the template takes as a parameter.
     */
    String streamName() {
        return streamName;
    }

    /** The table whose stream the consumer's DynamoDB event reads; empty for a Kinesis event. */
    Optional<TableDefinition> table() {
        return Optional.ofNullable(table);
    }

    /** The function behind the OnFailure destination; empty when the consumer's event has none. */
    Optional<SamFunction> hydrate() {
        return Optional.ofNullable(hydrate);
    }

    /** The consumer, and the hydrate when there is one. */
    List<SamFunction> all() {
        return hydrate == null ? List.of(consumer) : List.of(consumer, hydrate);
    }

    /** The resources whose values the functions' environments may name; the local servers' values once set. */
    PlayedResources played() {
        return played;
    }

    /** Every resource of the templates read that the run does not play, as {@code [Application/]LogicalId}. */
    List<String> notPlayed() {
        List<String> skipped = new ArrayList<>();
        addNotPlayed(root, "", skipped);
        applications.forEach((applicationId, nested) -> addNotPlayed(nested, applicationId + "/", skipped));
        return skipped;
    }

    private void addNotPlayed(TemplateContext context, String prefix, List<String> skipped) {
        for (Object id : context.resources().keySet()) {
            String logicalId = String.valueOf(id);
            boolean function = (context == root && logicalId.equals(consumer.logicalId()))
                    || (hydrate != null && hydrate.context() == context && logicalId.equals(hydrate.logicalId()));
            boolean application = context == root && applications.containsKey(logicalId);
            if (!function && !application && !played.plays(context, logicalId)) {
                skipped.add(prefix + logicalId);
            }
        }
    }

    /**
     * The function with an event on the OnFailure destination, and its resources played; null when none has one, or
     * the destination is not a resource of the template (an ARN given as a parameter): the OnFailure records then
     * stay in the destination, as on AWS, with no hydrate to keep their data.
     */
    private SamFunction hydrateBehind(Object destination) {
        Optional<Target> resource = resource(root, destination);
        if (resource.isEmpty()) {
            return null;
        }
        Target target = resource.get();
        TemplateContext context = target.context();
        for (Object id : context.resources().keySet()) {
            String logicalId = String.valueOf(id);
            if (!"AWS::Serverless::Function".equals(context.type(logicalId))) {
                continue;
            }
            if (intakes(context, logicalId).contains(target.logicalId())) {
                playIntakes(context, logicalId);
                playDeadLetterQueue(context, logicalId);
                playPayloadBuckets(context, logicalId);
                return SamFunction.read(context, logicalId);
            }
        }
        PlayedResources.Kind kind = switch (String.valueOf(context.type(target.logicalId()))) {
            case "AWS::SNS::Topic" -> PlayedResources.Kind.TOPIC;
            case "AWS::SQS::Queue" -> PlayedResources.Kind.QUEUE;
            case "AWS::S3::Bucket" -> PlayedResources.Kind.BUCKET;
            default -> null;
        };
        if (kind != null) {
            played.play(context, target.logicalId(), kind, null);
        }
        return null;
    }

    /** The resources the function's SNS, SQS and S3 events name. */
    private List<String> intakes(TemplateContext context, String functionId) {
        List<String> intakes = new ArrayList<>();
        events(context, functionId).forEach((name, event) -> {
            String property = intakeProperty(event.get("Type"));
            if (property != null && event.get("Properties") instanceof Map<?, ?> properties) {
                intakes.add(follow(context, properties.get(property), functionId + " event " + name).logicalId());
            }
        });
        return intakes;
    }

    private void playIntakes(TemplateContext context, String functionId) {
        events(context, functionId).forEach((name, event) -> {
            String property = intakeProperty(event.get("Type"));
            if (property == null) {
                throw new IllegalArgumentException(context.template() + ": " + functionId + " event " + name + " has Type "
                        + event.get("Type") + ", an event source the local run cannot play (it plays SNS, SQS and S3)");
            }
            Target intake = follow(context, ((Map<?, ?>) event.get("Properties")).get(property), functionId + " event " + name);
            PlayedResources.Kind kind = switch (property) {
                case "Topic" -> PlayedResources.Kind.TOPIC;
                case "Queue" -> PlayedResources.Kind.QUEUE;
                default -> PlayedResources.Kind.BUCKET;
            };
            played.play(intake.context(), intake.logicalId(), kind, null);
        });
    }

    private void playDeadLetterQueue(TemplateContext context, String functionId) {
        if (context.properties(functionId).get("EventInvokeConfig") instanceof Map<?, ?> config
                && config.get("DestinationConfig") instanceof Map<?, ?> destinations
                && destinations.get("OnFailure") instanceof Map<?, ?> onFailure) {
            Target queue = follow(context, onFailure.get("Destination"), functionId + " EventInvokeConfig OnFailure Destination");
            played.play(queue.context(), queue.logicalId(), PlayedResources.Kind.DEAD_LETTER_QUEUE, "AWS::SQS::Queue");
        }
    }

    /**
     * A bucket the function's environment names by {@code !Ref} besides its intakes: the hydrate's payload bucket,
     * where a message too large for the queue goes. It is served on S3Mock when the run starts it (the S3
     * destination); otherwise the hydrate knows its name, and a record that needs it is reported not stored.
     */
    private void playPayloadBuckets(TemplateContext context, String functionId) {
        if (context.properties(functionId).get("Environment") instanceof Map<?, ?> environment
                && environment.get("Variables") instanceof Map<?, ?> variables) {
            for (Object value : variables.values()) {
                if (value instanceof Map<?, ?> ref && ref.size() == 1 && ref.get("Ref") instanceof String logicalId
                        && context.resources().containsKey(logicalId) && "AWS::S3::Bucket".equals(context.type(logicalId))
                        && !played.plays(context, logicalId)) {
                    played.play(context, logicalId, PlayedResources.Kind.PAYLOAD_BUCKET, null);
                }
            }
        }
    }

    private static String intakeProperty(Object type) {
        return switch (String.valueOf(type)) {
            case "SNS" -> "Topic";
            case "SQS" -> "Queue";
            case "S3" -> "Bucket";
            default -> null;
        };
    }

    private static Map<String, Map<?, ?>> events(TemplateContext context, String functionId) {
        Map<String, Map<?, ?>> events = new LinkedHashMap<>();
        if (context.properties(functionId).get("Events") instanceof Map<?, ?> declared) {
            declared.forEach((name, event) -> events.put(String.valueOf(name), event instanceof Map<?, ?> map ? map : Map.of()));
        }
        return events;
    }

    /**
     * The consumer's one event, by its name: it must be Kinesis or DynamoDB, as an event source of another type is
     * one the run cannot play.
     */
    private static Map.Entry<String, Map<?, ?>> streamEvent(TemplateContext context, String consumerId) {
        Map<String, Map<?, ?>> events = events(context, consumerId);
        for (Map.Entry<String, Map<?, ?>> event : events.entrySet()) {
            Object type = event.getValue().get("Type");
            if (!"Kinesis".equals(type) && !"DynamoDB".equals(type)) {
                throw new IllegalArgumentException(context.template() + ": " + consumerId + " event " + event.getKey()
                        + " has Type " + type + ", an event source the local run cannot play "
                        + "(it plays one Kinesis or DynamoDB event)");
            }
        }
        return events.entrySet().stream().findFirst().orElseThrow(() -> new IllegalArgumentException(
                context.template() + ": " + consumerId + " has no Kinesis or DynamoDB event"));
    }

    private static Optional<Object> onFailureDestination(Map<?, ?> streamEvent) {
        if (streamEvent.get("DestinationConfig") instanceof Map<?, ?> config && config.get("OnFailure") instanceof Map<?, ?> onFailure) {
            return Optional.ofNullable(onFailure.get("Destination"));
        }
        return Optional.empty();
    }

    /** A resource of a template. */
    private record Target(TemplateContext context, String logicalId) {
    }

    /** The resource an expression names, through {@code !If} and nested applications' outputs. */
    private Target follow(TemplateContext context, Object expression, String where) {
        return resource(context, expression).orElseThrow(() -> new IllegalArgumentException(context.template() + ": " + where
                + " must name a resource of the template (!Ref, !GetAtt, a nested application's output) for the local run "
                + "to play it, got " + expression));
    }

    /** As {@link #follow}; empty when the expression names no resource of the template. */
    private Optional<Target> resource(TemplateContext context, Object expression) {
        if (expression instanceof Map<?, ?> map && map.size() == 1) {
            if (map.get("Ref") instanceof String name && context.resources().containsKey(name)) {
                return Optional.of(new Target(context, name));
            }
            if (map.get("Fn::GetAtt") instanceof List<?> target && target.size() == 2) {
                String resource = String.valueOf(target.get(0));
                String attribute = String.valueOf(target.get(1));
                if (TemplateContext.APPLICATION.equals(context.type(resource)) && attribute.startsWith("Outputs.")) {
                    TemplateContext nested = applications.computeIfAbsent(resource, context::nested);
                    String output = attribute.substring("Outputs.".length());
                    return Optional.of(follow(nested, nested.outputExpression(output), nested.template() + " Outputs." + output));
                }
                context.resource(resource);
                return Optional.of(new Target(context, resource));
            }
            if (map.get("Fn::If") instanceof List<?> branches && branches.size() == 3) {
                return resource(context, context.condition(String.valueOf(branches.get(0))) ? branches.get(1) : branches.get(2));
            }
        }
        return Optional.empty();
    }
}
