package io.kinesishydrator.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template's resources as CloudFormation would deploy them with the given parameter values: conditions
 * evaluated, {@code Fn::If} chosen, {@code AWS::NoValue} dropped, parameters, lists and substitutions filled in.
 * What exists only once deployed, a resource's {@code Ref} or attribute, stays a placeholder such as
 * {@code <FailureQueue.Arn>}, so a test can tell the template's own resources from the values passed in.
 */
final class ResolvedTemplate {
    private static final Object NO_VALUE = new Object();
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([^}]+)}");
    private static final Map<String, String> PSEUDO_PARAMETERS = Map.of("AWS::Partition", "aws", "AWS::Region", "us-east-1",
            "AWS::AccountId", "123456789012", "AWS::URLSuffix", "amazonaws.com", "AWS::StackName", "hydrator");

    private final Map<?, ?> resources;
    private final Map<?, ?> conditions;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    private ResolvedTemplate(Map<?, ?> root, Map<String, String> values) {
        this.resources = (Map<?, ?>) root.get("Resources");
        this.conditions = root.containsKey("Conditions") ? (Map<?, ?>) root.get("Conditions") : Map.of();
        Map<?, ?> declared = root.containsKey("Parameters") ? (Map<?, ?>) root.get("Parameters") : Map.of();
        declared.forEach((name, definition) -> {
            Map<?, ?> parameter = (Map<?, ?>) definition;
            String value = values.getOrDefault((String) name, String.valueOf(parameter.get("Default")));
            parameters.put((String) name, "CommaDelimitedList".equals(parameter.get("Type"))
                    ? Arrays.stream(value.split(",", -1)).map(String::strip).toList() : value);
        });
        values.keySet().forEach(name -> {
            if (!declared.containsKey(name)) {
                throw new IllegalArgumentException("the template has no parameter " + name);
            }
        });
    }

    /** {@code template} with {@code values} for some parameters and the defaults for the others. */
    static ResolvedTemplate of(Path template, Map<String, String> values) {
        return new ResolvedTemplate(SamTemplateReader.load(template), values);
    }

    /** Every resource of {@code type} the template creates with these values, resolved, by logical ID. */
    Map<String, Map<?, ?>> resourcesOfType(String type) {
        Map<String, Map<?, ?>> found = new LinkedHashMap<>();
        resources.forEach((name, definition) -> {
            Map<?, ?> resource = (Map<?, ?>) definition;
            boolean created = !resource.containsKey("Condition") || condition((String) resource.get("Condition"));
            if (type.equals(resource.get("Type")) && created) {
                found.put((String) name, (Map<?, ?>) resolve(resource));
            }
        });
        return found;
    }

    private boolean condition(String name) {
        if (!conditions.containsKey(name)) {
            throw new IllegalArgumentException("the template has no condition " + name);
        }
        return (Boolean) resolve(conditions.get(name));
    }

    private Object resolve(Object node) {
        if (node instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            list.stream().map(this::resolve).filter(item -> item != NO_VALUE).forEach(resolved::add);
            return resolved;
        }
        if (!(node instanceof Map<?, ?> map)) {
            return node;
        }
        if (map.size() == 1 && map.keySet().iterator().next() instanceof String key
                && (key.startsWith("Fn::") || key.equals("Ref") || key.equals("Condition"))) {
            return intrinsic(key, map.get(key));
        }
        Map<Object, Object> resolved = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            Object item = resolve(value);
            if (item != NO_VALUE) {
                resolved.put(key, item);
            }
        });
        return resolved;
    }

    private Object intrinsic(String function, Object argument) {
        return switch (function) {
            case "Ref" -> reference((String) argument);
            case "Condition" -> condition((String) argument);
            case "Fn::GetAtt" -> "<" + String.join(".", strings(argument)) + ">";
            case "Fn::If" -> {
                List<?> branches = (List<?>) argument;
                yield resolve(condition((String) branches.get(0)) ? branches.get(1) : branches.get(2));
            }
            case "Fn::Equals" -> {
                List<?> operands = (List<?>) resolve(argument);
                yield operands.get(0).equals(operands.get(1));
            }
            case "Fn::Not" -> !(Boolean) ((List<?>) resolve(argument)).get(0);
            case "Fn::And" -> ((List<?>) resolve(argument)).stream().allMatch(Boolean.TRUE::equals);
            case "Fn::Or" -> ((List<?>) resolve(argument)).stream().anyMatch(Boolean.TRUE::equals);
            case "Fn::Join" -> {
                List<?> operands = (List<?>) argument;
                yield String.join((String) operands.get(0), strings(resolve(operands.get(1))));
            }
            case "Fn::Split" -> {
                List<?> operands = (List<?>) resolve(argument);
                yield List.of(((String) operands.get(1)).split(Pattern.quote((String) operands.get(0)), -1));
            }
            case "Fn::Select" -> {
                List<?> operands = (List<?>) resolve(argument);
                yield ((List<?>) operands.get(1)).get(Integer.parseInt(String.valueOf(operands.get(0))));
            }
            case "Fn::Sub" -> substitute(argument);
            default -> throw new IllegalArgumentException("cannot resolve " + function);
        };
    }

    private Object reference(String name) {
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (PSEUDO_PARAMETERS.containsKey(name)) {
            return PSEUDO_PARAMETERS.get(name);
        }
        if (resources.containsKey(name)) {
            return "<" + name + ">";
        }
        throw new IllegalArgumentException("Ref to " + name + ", which the template does not declare");
    }

    private String substitute(Object argument) {
        String text = argument instanceof List<?> form ? (String) form.get(0) : (String) argument;
        Map<?, ?> variables = argument instanceof List<?> form ? (Map<?, ?>) resolve(form.get(1)) : Map.of();
        Matcher matcher = SUBSTITUTION.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            Object value = variables.containsKey(name) ? variables.get(name)
                    : name.contains(".") && !name.startsWith("AWS::") ? "<" + name + ">" : reference(name);
            matcher.appendReplacement(result, Matcher.quoteReplacement(String.valueOf(value)));
        }
        return matcher.appendTail(result).toString();
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
    }
}
