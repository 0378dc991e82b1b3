package io.kinesishydrator.testsupport;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Seeded variants of a JSON document, for differential tests of event readers against the Lambda runtime's own
 * serializers. Each variant changes one thing of the original and says what, so a test can tell which answer a
 * reader owes: a value swapped for one of another JSON type, a field removed or added, an object's fields
 * reordered, an array item removed or repeated, every string written as {@code \}{@code uXXXX} escapes, the text
 * cut short, or more content after it.
 */
public final class JsonVariants {
    /** What replaces a value: each JSON type, with the edge cases of each. */
    public static final List<Object> REPLACEMENTS = List.of("swapped", "", "caf\u00e9 \ud83d\ude00", 0, 7, -3, 1.5,
            new BigInteger("123456789012345678901234567890"), true, false, List.of(), List.of("swapped"),
            List.of(1, List.of()), Map.of(), Map.of("swapped", 1), Map.of("S", "x"));
    private static final List<String> TRAILERS = List.of(" x", " {}", " []", " 1", " \"a\"", " null", ",{}");

    public enum Change { SWAP, REMOVE_FIELD, ADD_FIELD, REORDER, REMOVE_ITEM, REPEAT_ITEM, ESCAPE, TRUNCATE, TRAIL }

    /**
     * One variant: {@code path} (object keys and array indices from the root) is where {@code change} was made,
     * {@code replacement} the value now there for a {@link Change#SWAP} or {@link Change#ADD_FIELD}.
     */
    public record Variant(Change change, List<Object> path, Object replacement, String json) {
        /**
         * Whether an event reader refuses this variant whatever the runtime makes of it: a document cut short or
         * followed by more, or a value its field does not take. {@code kinds} names the known fields' kinds by
         * path, null for a field the reader skips.
         */
        public boolean refusedBy(Function<List<Object>, JsonFieldKind> kinds) {
            return switch (change) {
                case TRUNCATE, TRAIL -> true;
                case SWAP, ADD_FIELD -> {
                    JsonFieldKind kind = kinds.apply(path);
                    yield kind != null && kind.refuses(replacement);
                }
                default -> false;
            };
        }

        @Override
        public String toString() {
            return change + " at " + path + (replacement == null && change != Change.SWAP ? "" : " with " + write(replacement, false))
                    + ": " + json;
        }
    }

    private final Object original;
    private final List<List<Object>> paths = new ArrayList<>();
    private final Random random;

    public JsonVariants(String json, long seed) {
        try {
            this.original = JSON.std.with(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS).anyFrom(json);
        } catch (IOException notJson) {
            throw new UncheckedIOException(notJson);
        }
        this.random = new Random(seed);
        collectPaths(original, new ArrayList<>());
    }

    /** The next variant, drawn from the seeded random sequence. */
    public Variant next() {
        Change change = Change.values()[random.nextInt(Change.values().length)];
        Object copy = copy(original);
        List<Object> path = paths.get(random.nextInt(paths.size()));
        return switch (change) {
            case SWAP -> swap(copy, path);
            case REMOVE_FIELD, REMOVE_ITEM, REPEAT_ITEM -> changeAt(change, copy, path);
            case ADD_FIELD, REORDER -> changeObject(change, copy, path);
            case ESCAPE -> new Variant(change, List.of(), null, write(copy, true));
            case TRUNCATE -> {
                String text = write(copy, false);
                yield new Variant(change, List.of(), null, text.substring(0, 1 + random.nextInt(text.length() - 2)));
            }
            case TRAIL -> new Variant(change, List.of(), null, write(copy, false) + TRAILERS.get(random.nextInt(TRAILERS.size())));
        };
    }

    private Variant swap(Object root, List<Object> path) {
        Object replacement = REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size()));
        if (random.nextInt(8) == 0) {
            replacement = null;
        }
        return new Variant(Change.SWAP, path, replacement, write(path.isEmpty() ? replacement : set(root, path, replacement), false));
    }

    /** Removes or repeats the field or item at {@code path}; the root, which has no parent, is swapped instead. */
    @SuppressWarnings("unchecked")
    private Variant changeAt(Change change, Object root, List<Object> path) {
        if (path.isEmpty()) {
            return swap(root, path);
        }
        Object parent = at(root, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (parent instanceof Map<?, ?> object) {
            ((Map<String, Object>) object).remove(last);
            return new Variant(Change.REMOVE_FIELD, path, null, write(root, false));
        }
        List<Object> array = (List<Object>) parent;
        int index = (Integer) last;
        if (change == Change.REPEAT_ITEM) {
            array.add(index, copy(array.get(index)));
            return new Variant(Change.REPEAT_ITEM, path, null, write(root, false));
        }
        array.remove(index);
        return new Variant(Change.REMOVE_ITEM, path, null, write(root, false));
    }

    /** Adds a field to, or reorders, the object at {@code path}, or the nearest object above it. */
    @SuppressWarnings("unchecked")
    private Variant changeObject(Change change, Object root, List<Object> path) {
        List<Object> objectPath = path;
        while (!(at(root, objectPath) instanceof Map<?, ?>) && !objectPath.isEmpty()) {
            objectPath = objectPath.subList(0, objectPath.size() - 1);
        }
        if (!(at(root, objectPath) instanceof Map<?, ?> found)) {
            return swap(root, path);
        }
        Map<String, Object> object = (Map<String, Object>) found;
        if (change == Change.REORDER) {
            List<Map.Entry<String, Object>> entries = new ArrayList<>(object.entrySet());
            Collections.shuffle(entries, random);
            Map<String, Object> reordered = new LinkedHashMap<>();
            entries.forEach(entry -> reordered.put(entry.getKey(), entry.getValue()));
            object.clear();
            object.putAll(reordered);
            return new Variant(Change.REORDER, objectPath, null, write(root, false));
        }
        Object value = REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size()));
        String name = "extra" + random.nextInt(3);
        object.put(name, copy(value));
        List<Object> added = new ArrayList<>(objectPath);
        added.add(name);
        return new Variant(Change.ADD_FIELD, added, value, write(root, false));
    }

    private void collectPaths(Object node, List<Object> path) {
        paths.add(List.copyOf(path));
        if (node instanceof Map<?, ?> object) {
            for (Object key : object.keySet()) {
                path.add(key);
                collectPaths(object.get(key), path);
                path.remove(path.size() - 1);
            }
        } else if (node instanceof List<?> array) {
            for (int index = 0; index < array.size(); index++) {
                path.add(index);
                collectPaths(array.get(index), path);
                path.remove(path.size() - 1);
            }
        }
    }

    private static Object at(Object root, List<Object> path) {
        Object node = root;
        for (Object step : path) {
            node = node instanceof Map<?, ?> object ? object.get(step) : ((List<?>) node).get((Integer) step);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Object set(Object root, List<Object> path, Object value) {
        Object parent = at(root, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (parent instanceof Map<?, ?> object) {
            ((Map<Object, Object>) object).put(last, copy(value));
        } else {
            ((List<Object>) parent).set((Integer) last, copy(value));
        }
        return root;
    }

    private static Object copy(Object node) {
        if (node instanceof Map<?, ?> object) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            object.forEach((key, value) -> copy.put(key, copy(value)));
            return copy;
        }
        if (node instanceof List<?> array) {
            List<Object> copy = new ArrayList<>();
            array.forEach(item -> copy.add(copy(item)));
            return copy;
        }
        return node;
    }

    /** Compact JSON; with {@code escapeAll}, every character of every string and name as a unicode escape. */
    public static String write(Object node, boolean escapeAll) {
        StringBuilder json = new StringBuilder();
        write(node, escapeAll, json);
        return json.toString();
    }

    private static void write(Object node, boolean escapeAll, StringBuilder json) {
        if (node instanceof Map<?, ?> object) {
            json.append('{');
            String separator = "";
            for (Map.Entry<?, ?> entry : object.entrySet()) {
                json.append(separator);
                string(entry.getKey().toString(), escapeAll, json);
                json.append(':');
                write(entry.getValue(), escapeAll, json);
                separator = ",";
            }
            json.append('}');
        } else if (node instanceof List<?> array) {
            json.append('[');
            for (int index = 0; index < array.size(); index++) {
                json.append(index == 0 ? "" : ",");
                write(array.get(index), escapeAll, json);
            }
            json.append(']');
        } else if (node instanceof String text) {
            string(text, escapeAll, json);
        } else {
            json.append(node);
        }
    }

    private static void string(String text, boolean escapeAll, StringBuilder json) {
        json.append('"');
        for (char c : text.toCharArray()) {
            if (escapeAll || c < 0x20 || c == '"' || c == '\\') {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
