package io.kinesishydrator.common;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Typed reads of a function's environment variables. A bad value fails the cold start with a message that
 * names the variable, rather than surfacing later as a confusing error in the middle of a batch.
 */
public final class Settings {
    private final Map<String, String> variables;

    public Settings(Map<String, String> variables) {
        this.variables = Objects.requireNonNull(variables, "variables");
    }

    public static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    /** The value, or {@code fallback} when the variable is unset or blank. */
    public String string(String name, String fallback) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public String required(String name) {
        String value = string(name, null);
        if (value == null) {
            throw new IllegalStateException("environment variable " + name + " must be set");
        }
        return value;
    }

    public int integer(String name, int fallback, int min, int max) {
        String value = string(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new IllegalStateException(
                        "environment variable " + name + " must be between " + min + " and " + max + ", got " + parsed);
            }
            return parsed;
        } catch (NumberFormatException notANumber) {
            throw new IllegalStateException("environment variable " + name + " must be a whole number, got '" + value + "'");
        }
    }

    /** True for "true" (any case), false when unset; anything else is a mistake worth failing on. */
    public boolean flag(String name) {
        String value = string(name, "false");
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalStateException("environment variable " + name + " must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    public Duration millis(String name, long fallbackMillis) {
        return Duration.ofMillis(integer(name, (int) fallbackMillis, 0, Integer.MAX_VALUE));
    }
}
