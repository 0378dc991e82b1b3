package io.kinesishydrator.pipeline;

import io.kinesishydrator.local.LocalCredentials;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One template with its parameters' values, evaluating CloudFormation's intrinsic functions as the local run
 * knows them: a parameter is its given value, else its {@code Default}; a resource the run plays is its local
 * server's stand-in ({@link LocalResources}); a nested {@code AWS::Serverless::Application} with a local
 * {@code Location} is read as its own template, with the {@code Parameters} the parent passes it. Anything else
 * (a resource the run does not play, an intrinsic it does not evaluate) is an {@link IllegalArgumentException}
 * naming the template and the value.
 */
final class TemplateContext {
    /** What {@code !Ref AWS::NoValue} evaluates to: the property is left out. */
    static final Object NO_VALUE = new Object();
    static final String APPLICATION = "AWS::Serverless::Application";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]*)}");
    private static final Map<String, String> PSEUDO_PARAMETERS = Map.of(
            "AWS::Region", LocalCredentials.REGION.id(), "AWS::AccountId", LocalCredentials.ACCOUNT_ID,
            "AWS::StackName", "local", "AWS::Partition", "aws", "AWS::URLSuffix", "amazonaws.com");

    private final Path template;
    private final Map<?, ?> root;
    private final Map<?, ?> resources;
    /** Parameter values given as text ({@code --parameter-overrides}). */
    private final Map<String, String> given;
    /** For a nested application: the template that nests it, which evaluates the {@code passed} parameters. */
    private final TemplateContext parent;
    private final Map<?, ?> passed;
    private final LocalResources local;

    private TemplateContext(Path template, Map<?, ?> root, Map<String, String> given, TemplateContext parent, Map<?, ?> passed,
                            LocalResources local) {
        this.template = template;
        this.root = root;
        Object declared = root.get("Resources");
        this.resources = declared instanceof Map<?, ?> map ? map : Map.of();
        this.given = given;
        this.parent = parent;
        this.passed = passed;
        this.local = local;
    }

    /** The template at {@code template}, with {@code parameters} (e.g. {@code --parameter-overrides}) over the defaults. */
    static TemplateContext load(Path template, Map<String, String> parameters, LocalResources local) {
        Map<?, ?> root = SamTemplateReader.load(template);
        Object declared = root.get("Parameters");
        for (String name : parameters.keySet()) {
            if (!(declared instanceof Map<?, ?> map && map.containsKey(name))) {
                throw new IllegalArgumentException(template + " has no parameter " + name + " to override");
            }
        }
        return new TemplateContext(template, root, Map.copyOf(parameters), null, Map.of(), local);
    }

    Path template() {
        return template;
    }

    Map<?, ?> resources() {
        return resources;
    }

    /** The resource's definition, or an error naming what the template holds. */
    Map<?, ?> resource(String logicalId) {
        if (!(resources.get(logicalId) instanceof Map<?, ?> definition)) {
            throw new IllegalArgumentException(template + " has no resource " + logicalId + " under Resources");
        }
        return definition;
    }

    String type(String logicalId) {
        return String.valueOf(resource(logicalId).get("Type"));
    }

    /** A nested application's template, with the parameters this template passes it. */
    TemplateContext nested(String applicationId) {
        Map<?, ?> properties = properties(applicationId);
        Object location = properties.get("Location");
        if (!(location instanceof String path) || path.contains("://") || path.startsWith("s3:")) {
            throw new IllegalArgumentException(template + ": " + applicationId + " Location must be a local template file to play it");
        }
        Map<?, ?> parameters = properties.get("Parameters") instanceof Map<?, ?> map ? map : Map.of();
        Path nested = template.toAbsolutePath().getParent().resolve(path).normalize();
        return new TemplateContext(nested, SamTemplateReader.load(nested), Map.of(), this, parameters, local);
    }

    /** {@code Resources.<logicalId>.Properties}, empty when it has none. */
    Map<?, ?> properties(String logicalId) {
        return resource(logicalId).get("Properties") instanceof Map<?, ?> properties ? properties : Map.of();
    }

    /** The value of an output, as its {@code Value} expression (not yet evaluated). */
    Object outputExpression(String name) {
        if (root.get("Outputs") instanceof Map<?, ?> outputs && outputs.get(name) instanceof Map<?, ?> output) {
            return output.get("Value");
        }
        throw new IllegalArgumentException(template + " has no output " + name);
    }

    /** {@code Globals.Function.<property>}, or null. */
    Object functionGlobal(String property) {
        if (root.get("Globals") instanceof Map<?, ?> globals && globals.get("Function") instanceof Map<?, ?> function) {
            return function.get(property);
        }
        return null;
    }

    /** The value with every intrinsic function evaluated; {@link #NO_VALUE} for {@code !Ref AWS::NoValue}. */
    Object resolve(Object value, String where) {
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : list) {
                Object one = resolve(item, where);
                if (one != NO_VALUE) {
                    resolved.add(one);
                }
            }
            return resolved;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        if (map.size() == 1 && map.keySet().iterator().next() instanceof String key
                && (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::"))) {
            return intrinsic(key, map.get(key), where);
        }
        Map<Object, Object> resolved = new LinkedHashMap<>();
        map.forEach((key, item) -> {
            Object one = resolve(item, where + "." + key);
            if (one != NO_VALUE) {
                resolved.put(key, one);
            }
        });
        return resolved;
    }

    /** The value as text (numbers and booleans as CloudFormation writes them). */
    String text(Object value, String where) {
        Object resolved = resolve(value, where);
        if (resolved instanceof String || resolved instanceof Number || resolved instanceof Boolean) {
            return String.valueOf(resolved);
        }
        throw new IllegalArgumentException(template + ": " + where + " must be text, got " + resolved);
    }

    private Object intrinsic(String function, Object argument, String where) {
        return switch (function) {
            case "Ref" -> ref(String.valueOf(argument), where);
            case "Fn::GetAtt" -> getAtt(argument, where);
            case "Fn::If" -> {
                List<?> branches = arguments(argument, 3, function, where);
                yield resolve(condition(String.valueOf(branches.get(0))) ? branches.get(1) : branches.get(2), where);
            }
            case "Fn::Sub" -> sub(argument, where);
            case "Fn::Join" -> {
                List<?> join = arguments(argument, 2, function, where);
                List<String> parts = new ArrayList<>();
                for (Object part : (List<?>) resolve(join.get(1), where)) {
                    parts.add(String.valueOf(part));
                }
                yield String.join(String.valueOf(join.get(0)), parts);
            }
            case "Fn::Select" -> {
                List<?> select = arguments(argument, 2, function, where);
                List<?> from = (List<?>) resolve(select.get(1), where);
                yield from.get(Integer.parseInt(String.valueOf(resolve(select.get(0), where))));
            }
            case "Fn::Split" -> {
                List<?> split = arguments(argument, 2, function, where);
                yield Arrays.asList(text(split.get(1), where).split(Pattern.quote(String.valueOf(split.get(0))), -1));
            }
            case "Fn::Equals" -> {
                List<?> pair = arguments(argument, 2, function, where);
                yield String.valueOf(resolve(pair.get(0), where)).equals(String.valueOf(resolve(pair.get(1), where)));
            }
            case "Fn::Not" -> !truth(arguments(argument, 1, function, where).get(0), where);
            case "Fn::And" -> ((List<?>) argument).stream().allMatch(item -> truth(item, where));
            case "Fn::Or" -> ((List<?>) argument).stream().anyMatch(item -> truth(item, where));
            case "Condition" -> condition(String.valueOf(argument));
            default -> throw new IllegalArgumentException(template + ": " + where + " uses " + function
                    + ", which the local run does not evaluate");
        };
    }

    private Object ref(String name, String where) {
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        if (PSEUDO_PARAMETERS.containsKey(name)) {
            return PSEUDO_PARAMETERS.get(name);
        }
        if (root.get("Parameters") instanceof Map<?, ?> declared && declared.get(name) instanceof Map<?, ?> parameter) {
            // A value the nesting template passes is evaluated only when used: its resources may not be known before.
            Object value = passed.containsKey(name)
                    ? parent.resolve(passed.get(name), "Parameters." + name + " of " + template.getFileName()) : given.get(name);
            if (value == null || value == NO_VALUE) {
                value = parameter.get("Default");
            }
            if (value == null) {
                throw new IllegalArgumentException(template + ": " + where + " is !Ref " + name
                        + ", which has no Default; give it with --parameter-overrides " + name + "=...");
            }
            return value;
        }
        if (resources.containsKey(name)) {
            return local.ref(this, name, where);
        }
        throw new IllegalArgumentException(template + ": " + where + " is !Ref " + name + ", which is neither a parameter nor a resource");
    }

    private Object getAtt(Object argument, String where) {
        List<?> target = arguments(argument, 2, "Fn::GetAtt", where);
        String resource = String.valueOf(target.get(0));
        String attribute = String.valueOf(target.get(1));
        if (APPLICATION.equals(type(resource)) && attribute.startsWith("Outputs.")) {
            String output = attribute.substring("Outputs.".length());
            TemplateContext nested = nested(resource);
            return nested.resolve(nested.outputExpression(output), "Outputs." + output);
        }
        return local.attribute(this, resource, attribute, where);
    }

    private String sub(Object argument, String where) {
        String text;
        Map<?, ?> variables = Map.of();
        if (argument instanceof List<?> list && list.size() == 2) {
            text = String.valueOf(list.get(0));
            variables = list.get(1) instanceof Map<?, ?> map ? map : Map.of();
        } else {
            text = String.valueOf(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(2);
            String replacement;
            if (!matcher.group(1).isEmpty()) {
                replacement = "${" + name + "}";
            } else if (variables.containsKey(name)) {
                replacement = text(variables.get(name), where);
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                String[] parts = name.split("\\.", 2);
                replacement = String.valueOf(getAtt(List.of(parts[0], parts[1]), where));
            } else {
                replacement = String.valueOf(ref(name, where));
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /** The value of a condition under {@code Conditions}. */
    boolean condition(String name) {
        if (root.get("Conditions") instanceof Map<?, ?> conditions && conditions.containsKey(name)) {
            return truth(conditions.get(name), "Conditions." + name);
        }
        throw new IllegalArgumentException(template + " has no condition " + name);
    }

    private boolean truth(Object value, String where) {
        Object resolved = resolve(value, where);
        if (resolved instanceof Boolean flag) {
            return flag;
        }
        throw new IllegalArgumentException(template + ": " + where + " must be a condition, got " + resolved);
    }

    private List<?> arguments(Object argument, int count, String function, String where) {
        if (argument instanceof List<?> list && list.size() == count) {
            return list;
        }
        throw new IllegalArgumentException(template + ": " + where + " has " + function + " without its " + count + " arguments");
    }

    /** The local run's stand-ins for the resources it plays. */
    interface LocalResources {
        /** {@code !Ref} of a resource. */
        Object ref(TemplateContext context, String logicalId, String where);

        /** {@code !GetAtt} of a resource. */
        Object attribute(TemplateContext context, String logicalId, String attribute, String where);
    }
}
