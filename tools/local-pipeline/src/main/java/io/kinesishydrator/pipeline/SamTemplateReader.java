package io.kinesishydrator.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a function's stream event source mapping settings (its {@code Type: Kinesis} or {@code Type: DynamoDB}
 * event: the same settings for both) from the SAM template that deploys it, so what
 * runs locally is what deploys. A setting written as {@code !Ref Parameter} takes that parameter's
 * {@code Default}; an absent optional setting takes AWS's default. Anything else the local run cannot know
 * (another intrinsic function, a reference to a resource) is an error rather than a guess.
 *
 * <p>Every problem is an {@link IllegalArgumentException} whose message names the template and the setting.
 */
public final class SamTemplateReader {
    /** The event types of a stream event source mapping: a Kinesis stream, a DynamoDB table's stream. */
    private static final List<String> STREAM_EVENT_TYPES = List.of("Kinesis", "DynamoDB");
    private static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";
    private static final String REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures";

    private SamTemplateReader() {
    }

    /**
     * The settings of the one {@code Type: Kinesis} or {@code Type: DynamoDB} event under
     * {@code Resources.<functionLogicalId>.Properties.Events}.
     *
     * @throws IllegalArgumentException when the template cannot be read, lacks the function or its stream
     *                                  event, or holds a setting that is unresolvable, mistyped or out of range
     */
    public static EventSourceMappingSettings consumerStreamSettings(Path template, String functionLogicalId) {
        return consumerStreamSettings(template, functionLogicalId, Map.of());
    }

    /** As {@link #consumerStreamSettings(Path, String)}, with {@code parameterValues} in place of those parameters' defaults. */
    public static EventSourceMappingSettings consumerStreamSettings(Path template, String functionLogicalId,
                                                                    Map<String, String> parameterValues) {
        return consumerStreamEvent(template, functionLogicalId, parameterValues).settings();
    }

    /**
     * The {@code Type} of the stream event's {@code DestinationConfig.OnFailure} as written (SAM takes {@code SNS},
     * {@code SQS} or {@code S3}), or empty when the event has no OnFailure destination or names no type.
     *
     * @throws IllegalArgumentException as {@link #consumerStreamSettings(Path, String)}
     */
    public static Optional<String> consumerOnFailureType(Path template, String functionLogicalId) {
        return consumerStreamEvent(template, functionLogicalId, Map.of()).onFailureType();
    }

    /**
     * The consumer a run plays when none is named: the first function of the template, in its order, with a
     * {@code Type: Kinesis} or {@code Type: DynamoDB} event.
     *
     * @throws IllegalArgumentException when the template cannot be read or no function has such an event
     */
    public static String firstStreamConsumer(Path template) {
        Map<?, ?> resources = mapping(load(template).get("Resources"), template + ": Resources");
        if (resources != null) {
            for (Map.Entry<?, ?> resource : resources.entrySet()) {
                if (resource.getValue() instanceof Map<?, ?> definition && SERVERLESS_FUNCTION.equals(definition.get("Type"))
                        && definition.get("Properties") instanceof Map<?, ?> properties
                        && properties.get("Events") instanceof Map<?, ?> events
                        && events.values().stream().anyMatch(event -> event instanceof Map<?, ?> declared
                                && STREAM_EVENT_TYPES.contains(declared.get("Type")))) {
                    return String.valueOf(resource.getKey());
                }
            }
        }
        throw new IllegalArgumentException(template + ": no function has an event of Type "
                + String.join(" or ", STREAM_EVENT_TYPES) + " for the local run to play"
                + (resources == null ? "" : functionsIn(resources)));
    }

    private static StreamEvent consumerStreamEvent(Path template, String functionLogicalId, Map<String, String> parameterValues) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(functionLogicalId, "functionLogicalId");
        Map<?, ?> root = load(template);
        Map<?, ?> resources = mapping(root.get("Resources"), template + ": Resources");
        if (resources == null) {
            throw new IllegalArgumentException(template + " has no Resources");
        }
        Map<?, ?> function = mapping(resources.get(functionLogicalId), template + ": resource " + functionLogicalId);
        if (function == null) {
            throw new IllegalArgumentException(template + " has no resource " + functionLogicalId + " under Resources"
                    + functionsIn(resources));
        }
        String where = template + ": " + functionLogicalId;
        Map<?, ?> properties = mapping(function.get("Properties"), where + " Properties");
        Map<?, ?> events = properties == null ? null : mapping(properties.get("Events"), where + " Properties.Events");
        return streamEvent(events, where, Parameters.of(root, resources, template, parameterValues));
    }

    /** The template as plain maps and lists, short-form tags in their long form; tests read other sections with it. */
    static Map<?, ?> load(Path template) {
        if (!Files.exists(template)) {
            throw new IllegalArgumentException("template " + template + " does not exist");
        }
        if (!Files.isRegularFile(template)) {
            throw new IllegalArgumentException("template " + template + " is not a file");
        }
        Object document;
        try (InputStream text = Files.newInputStream(template)) {
            document = new Yaml(new CloudFormationConstructor()).load(text);
        } catch (UnknownTagException unknownTag) {
            throw new IllegalArgumentException("template " + template + " uses " + unknownTag.getMessage(), unknownTag);
        } catch (MarkedYAMLException notYaml) {
            throw new IllegalArgumentException("template " + template + " is not valid YAML: " + problem(notYaml), notYaml);
        } catch (YAMLException notYaml) {
            throw new IllegalArgumentException("template " + template + " is not valid YAML: " + notYaml.getMessage(), notYaml);
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("template " + template + " cannot be read: " + unreadable.getMessage(), unreadable);
        }
        if (document == null) {
            throw new IllegalArgumentException("template " + template + " is empty");
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("template " + template + " is not a YAML mapping of template sections, got "
                    + describe(document));
        }
        return root;
    }

    private static StreamEvent streamEvent(Map<?, ?> events, String where, Parameters parameters) {
        Map<String, Map<?, ?>> streams = new LinkedHashMap<>();
        if (events != null) {
            events.forEach((name, event) -> {
                Map<?, ?> definition = mapping(event, where + " event " + name);
                if (definition != null && STREAM_EVENT_TYPES.contains(definition.get("Type"))) {
                    streams.put(String.valueOf(name), definition);
                }
            });
        }
        String types = String.join(" or ", STREAM_EVENT_TYPES);
        if (streams.isEmpty()) {
            throw new IllegalArgumentException(where + " has no event of Type " + types + " under Properties.Events");
        }
        if (streams.size() > 1) {
            throw new IllegalArgumentException(where + " has " + streams.size() + " events of Type " + types
                    + " (" + String.join(", ", streams.keySet()) + "); the local pipeline plays exactly one");
        }
        Map.Entry<String, Map<?, ?>> event = streams.entrySet().iterator().next();
        String eventWhere = where + " event " + event.getKey();
        Map<?, ?> properties = mapping(event.getValue().get("Properties"), eventWhere + " Properties");
        return new StreamEvent(eventWhere, properties == null ? Map.of() : properties, parameters);
    }

    private static String functionsIn(Map<?, ?> resources) {
        String functions = resources.entrySet().stream()
                .filter(resource -> resource.getValue() instanceof Map<?, ?> definition
                        && SERVERLESS_FUNCTION.equals(definition.get("Type")))
                .map(resource -> String.valueOf(resource.getKey()))
                .collect(Collectors.joining(", "));
        return functions.isEmpty() ? "" : "; its functions are " + functions;
    }

    /** The value as a mapping, {@code null} when absent; any other type is an error naming {@code what}. */
    private static Map<?, ?> mapping(Object value, String what) {
        if (value == null || value instanceof Map<?, ?>) {
            return (Map<?, ?>) value;
        }
        throw new IllegalArgumentException(what + " must be a mapping, got " + describe(value));
    }

    private static String describe(Object value) {
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Object function = map.keySet().iterator().next();
            if (CloudFormationConstructor.isIntrinsic(function)) {
                return "the intrinsic function " + function;
            }
        }
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return value instanceof String text ? "'" + text + "'" : String.valueOf(value);
    }

    private static String problem(MarkedYAMLException error) {
        Mark mark = error.getProblemMark();
        String problem = error.getProblem() == null ? error.getMessage() : error.getProblem();
        return mark == null ? problem : problem + " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
    }

    /** The template's parameters, to resolve {@code Ref}s to their defaults. */
    private record Parameters(Map<?, ?> declared, Map<?, ?> resources, Path template, Map<String, String> given) {
        static Parameters of(Map<?, ?> root, Map<?, ?> resources, Path template, Map<String, String> given) {
            Map<?, ?> declared = mapping(root.get("Parameters"), template + ": Parameters");
            return new Parameters(declared == null ? Map.of() : declared, resources, template, given);
        }

        /** The value with a {@code Ref} to a parameter replaced by the parameter's {@code Default}. */
        Object resolve(Object value, String setting) {
            if (!(value instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("Ref"))) {
                return value;
            }
            Object name = map.get("Ref");
            if (!(name instanceof String parameter)) {
                throw new IllegalArgumentException(setting + " has a Ref to " + describe(name) + "; a Ref names a parameter");
            }
            Map<?, ?> definition = mapping(declared.get(parameter), template + ": parameter " + parameter);
            if (definition == null) {
                String what = resources.containsKey(parameter) ? ", a resource, whose value exists only once deployed"
                        : parameter.startsWith("AWS::") ? ", a pseudo parameter, whose value exists only once deployed"
                        : ", which is not declared under Parameters";
                throw new IllegalArgumentException(setting + " is !Ref " + parameter + what
                        + "; give it a literal value or a parameter with a Default");
            }
            Object fallback = given.containsKey(parameter) ? given.get(parameter) : definition.get("Default");
            if (fallback == null) {
                throw new IllegalArgumentException(setting + " is !Ref " + parameter + ", but parameter " + parameter
                        + " has no Default; the local pipeline reads settings from parameter defaults");
            }
            return fallback;
        }
    }

    /** One stream event's {@code Properties}, read as AWS reads them: Kinesis and DynamoDB events share them. */
    private record StreamEvent(String where, Map<?, ?> properties, Parameters parameters) {

        EventSourceMappingSettings settings() {
            int batchSize = integer("BatchSize", EventSourceMappingSettings.DEFAULT_BATCH_SIZE);
            int window = integer("MaximumBatchingWindowInSeconds", EventSourceMappingSettings.DEFAULT_MAXIMUM_BATCHING_WINDOW_IN_SECONDS);
            int retries = integer("MaximumRetryAttempts", EventSourceMappingSettings.DEFAULT_MAXIMUM_RETRY_ATTEMPTS);
            boolean bisect = bool("BisectBatchOnFunctionError", EventSourceMappingSettings.DEFAULT_BISECT_BATCH_ON_FUNCTION_ERROR);
            int recordAge = integer("MaximumRecordAgeInSeconds", (int) EventSourceMappingSettings.DEFAULT_MAXIMUM_RECORD_AGE_IN_SECONDS);
            int parallelization = integer("ParallelizationFactor", EventSourceMappingSettings.DEFAULT_PARALLELIZATION_FACTOR);
            String startingPosition = startingPosition();
            boolean reportBatchItemFailures = reportBatchItemFailures();
            boolean onFailureDestination = onFailureDestination();
            try {
                return new EventSourceMappingSettings(batchSize, Duration.ofSeconds(window), retries, bisect,
                        EventSourceMappingSettings.maximumRecordAgeOfSeconds(recordAge), parallelization, startingPosition,
                        reportBatchItemFailures, onFailureDestination);
            } catch (IllegalArgumentException outOfRange) {
                throw new IllegalArgumentException(where + ": " + outOfRange.getMessage(), outOfRange);
            }
        }

        private Object value(String setting) {
            return parameters.resolve(properties.get(setting), where + ": " + setting);
        }

        private int integer(String setting, int fallback) {
            Object value = value(setting);
            if (value == null) {
                return fallback;
            }
            if (value instanceof Integer number) {
                return number;
            }
            if (value instanceof String text && text.strip().matches("[+-]?\\d+")) {
                try {
                    return Integer.parseInt(text.strip());
                } catch (NumberFormatException tooLarge) {
                    throw outOfRange(setting, text);
                }
            }
            if (value instanceof Number number && !(value instanceof Double)) {
                throw outOfRange(setting, number);
            }
            throw wrongType(setting, "a whole number", value);
        }

        private boolean bool(String setting, boolean fallback) {
            Object value = value(setting);
            if (value == null) {
                return fallback;
            }
            if (value instanceof Boolean flag) {
                return flag;
            }
            if (value instanceof String text && (text.strip().equalsIgnoreCase("true") || text.strip().equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(text.strip());
            }
            throw wrongType(setting, "true or false", value);
        }

        private String startingPosition() {
            Object value = value("StartingPosition");
            if (value == null) {
                throw new IllegalArgumentException(where + ": StartingPosition is missing; a stream event must say where to "
                        + "start reading, TRIM_HORIZON or LATEST");
            }
            if (!(value instanceof String position)) {
                throw wrongType("StartingPosition", "TRIM_HORIZON or LATEST", value);
            }
            return position.strip();
        }

        private boolean reportBatchItemFailures() {
            Object value = value("FunctionResponseTypes");
            if (value == null) {
                return false;
            }
            if (!(value instanceof List<?> types)) {
                throw wrongType("FunctionResponseTypes", "a list", value);
            }
            for (Object type : types) {
                Object resolved = parameters.resolve(type, where + ": FunctionResponseTypes");
                if (!REPORT_BATCH_ITEM_FAILURES.equals(resolved)) {
                    throw wrongType("FunctionResponseTypes", "a list of " + REPORT_BATCH_ITEM_FAILURES, resolved);
                }
            }
            return !types.isEmpty();
        }

        private boolean onFailureDestination() {
            Map<?, ?> destinations = mapping(properties.get("DestinationConfig"), where + ": DestinationConfig");
            if (destinations == null) {
                return false;
            }
            Map<?, ?> onFailure = mapping(destinations.get("OnFailure"), where + ": DestinationConfig.OnFailure");
            if (onFailure == null) {
                return false;
            }
            if (onFailure.get("Destination") == null) {
                throw new IllegalArgumentException(where + ": DestinationConfig.OnFailure has no Destination");
            }
            return true;
        }

        private Optional<String> onFailureType() {
            if (!onFailureDestination()) {
                return Optional.empty();
            }
            Map<?, ?> onFailure = (Map<?, ?>) ((Map<?, ?>) properties.get("DestinationConfig")).get("OnFailure");
            Object type = parameters.resolve(onFailure.get("Type"), where + ": DestinationConfig.OnFailure.Type");
            if (type != null && !(type instanceof String)) {
                throw wrongType("DestinationConfig.OnFailure.Type", "SNS, SQS or S3", type);
            }
            return Optional.ofNullable((String) type);
        }

        private IllegalArgumentException wrongType(String setting, String expected, Object value) {
            return new IllegalArgumentException(where + ": " + setting + " must be " + expected + ", got " + describe(value));
        }

        private IllegalArgumentException outOfRange(String setting, Object value) {
            return new IllegalArgumentException(where + ": " + setting + " is out of range, got " + value);
        }
    }

    /**
     * Loads CloudFormation's short-form tags ({@code !Ref}, {@code !GetAtt}, ...) as the long form they stand
     * for, so a template loads as the same plain maps and lists whichever form it uses. Built on the safe
     * constructor: a template never names a Java type to instantiate.
     */
    private static final class CloudFormationConstructor extends SafeConstructor {
        private static final Map<String, String> LONG_FORMS = Map.ofEntries(
                Map.entry("!Ref", "Ref"), Map.entry("!Condition", "Condition"),
                Map.entry("!Base64", "Fn::Base64"), Map.entry("!Cidr", "Fn::Cidr"),
                Map.entry("!FindInMap", "Fn::FindInMap"), Map.entry("!GetAtt", "Fn::GetAtt"),
                Map.entry("!GetAZs", "Fn::GetAZs"), Map.entry("!ImportValue", "Fn::ImportValue"),
                Map.entry("!Join", "Fn::Join"), Map.entry("!Select", "Fn::Select"),
                Map.entry("!Split", "Fn::Split"), Map.entry("!Sub", "Fn::Sub"),
                Map.entry("!Transform", "Fn::Transform"), Map.entry("!And", "Fn::And"),
                Map.entry("!Equals", "Fn::Equals"), Map.entry("!If", "Fn::If"),
                Map.entry("!Not", "Fn::Not"), Map.entry("!Or", "Fn::Or"));

        CloudFormationConstructor() {
            super(loaderOptions());
            LONG_FORMS.forEach((shortForm, longForm) -> yamlConstructors.put(new Tag(shortForm), new LongForm(longForm)));
            yamlConstructors.put(null, new UnknownTag());
        }

        static boolean isIntrinsic(Object key) {
            return key instanceof String name && (name.startsWith("Fn::") || LONG_FORMS.containsValue(name));
        }

        private static LoaderOptions loaderOptions() {
            LoaderOptions options = new LoaderOptions();
            // CloudFormation rejects a repeated key; silently keeping the last one could run other settings than deploy.
            options.setAllowDuplicateKeys(false);
            return options;
        }

        private static final class UnknownTag extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                Mark mark = node.getStartMark();
                throw new UnknownTagException("unknown tag " + node.getTag().getValue() + " (line " + (mark.getLine() + 1)
                        + ", column " + (mark.getColumn() + 1) + "); the tags a template may use are CloudFormation's "
                        + "short forms: " + String.join(", ", new TreeSet<>(LONG_FORMS.keySet())));
            }
        }

        private final class LongForm extends AbstractConstruct {
            private final String function;

            LongForm(String function) {
                this.function = function;
            }

            @Override
            public Object construct(Node node) {
                Object argument = switch (node) {
                    // The short form's "Resource.Attribute" is the long form's [Resource, Attribute]; attributes may hold dots.
                    case ScalarNode scalar when function.equals("Fn::GetAtt") -> List.of(constructScalar(scalar).split("\\.", 2));
                    case ScalarNode scalar -> constructScalar(scalar);
                    case SequenceNode sequence -> constructSequence(sequence);
                    case MappingNode mapping -> constructMapping(mapping);
                    default -> throw new YAMLException("unexpected YAML node for " + function + ": " + node.getNodeId());
                };
                return Map.of(function, argument);
            }
        }
    }

    private static final class UnknownTagException extends YAMLException {
        UnknownTagException(String message) {
            super(message);
        }
    }
}
