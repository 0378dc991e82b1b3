package io.kinesishydrator.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes one JSON object per line. Lambda turns every stdout line into one CloudWatch log event, so a
 * single-line JSON object is one event that Logs Insights can filter by field (shardId, sequenceNumber, ...).
 */
public final class StructuredLogger {
    private static final JsonFactory JSON = new JsonFactory();

    /** Severities, least first; a logger writes its threshold and above. */
    public enum Level {
        DEBUG, INFO, WARN, ERROR;

        /** {@code LOG_LEVEL}'s value, INFO when unset. */
        public static Level of(String name) {
            if (name == null || name.isBlank()) {
                return INFO;
            }
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw new IllegalStateException("environment variable LOG_LEVEL must be DEBUG, INFO, WARN or ERROR, got '" + name + "'");
            }
        }
    }

    private final PrintStream out;
    private final String logger;
    private final Level threshold;

    public StructuredLogger(PrintStream out, String logger) {
        this(out, logger, Level.DEBUG);
    }

    public StructuredLogger(PrintStream out, String logger, Level threshold) {
        this.out = Objects.requireNonNull(out, "out");
        this.logger = Objects.requireNonNull(logger, "logger");
        this.threshold = Objects.requireNonNull(threshold, "threshold");
    }

    /** A logger on stdout at the level {@code LOG_LEVEL} sets. */
    public static StructuredLogger stdout(Class<?> owner) {
        return new StructuredLogger(System.out, owner.getSimpleName(), Level.of(System.getenv("LOG_LEVEL")));
    }

    public Line debug(String message) {
        return new Line(Level.DEBUG, message);
    }

    public Line info(String message) {
        return new Line(Level.INFO, message);
    }

    public Line warn(String message) {
        return new Line(Level.WARN, message);
    }

    public Line error(String message) {
        return new Line(Level.ERROR, message);
    }

    /** One log line being assembled; {@link #emit()} writes it. Null values are left out. */
    public final class Line {
        private final Level level;
        private final String message;
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Line(Level level, String message) {
            this.level = level;
            this.message = message;
        }

        public Line with(String key, Object value) {
            if (value != null) {
                fields.put(key, value);
            }
            return this;
        }

        public Line withError(Throwable error) {
            return with("errorClass", error.getClass().getName()).with("errorMessage", error.getMessage());
        }

        public void emit() {
            if (level.compareTo(threshold) >= 0) {
                out.println(render());
            }
        }

        String render() {
            StringWriter text = new StringWriter(256);
            try (JsonGenerator json = JSON.createGenerator(text)) {
                json.writeStartObject();
                json.writeStringField("timestamp", Instant.now().toString());
                json.writeStringField("level", level.name());
                json.writeStringField("logger", logger);
                if (LogContext.requestId() != null) {
                    json.writeStringField("requestId", LogContext.requestId());
                }
                json.writeStringField("message", message);
                for (Map.Entry<String, Object> field : fields.entrySet()) {
                    writeField(json, field.getKey(), field.getValue());
                }
                json.writeEndObject();
            } catch (IOException impossible) {
                throw new UncheckedIOException(impossible);
            }
            return text.toString();
        }

        private void writeField(JsonGenerator json, String key, Object value) throws IOException {
            json.writeFieldName(key);
            switch (value) {
                case Integer i -> json.writeNumber(i);
                case Long l -> json.writeNumber(l);
                case Double d -> json.writeNumber(d);
                case Boolean b -> json.writeBoolean(b);
                default -> json.writeString(value.toString());
            }
        }
    }
}
