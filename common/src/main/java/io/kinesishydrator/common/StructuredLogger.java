package io.kinesishydrator.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes one JSON object per line. Lambda turns every stdout line into one CloudWatch log event, so a
 * single-line JSON object is one event that Logs Insights can filter by field (shardId, sequenceNumber, ...).
 */
public final class StructuredLogger {
    private static final JsonFactory JSON = new JsonFactory();

    private final PrintStream out;
    private final String logger;

    public StructuredLogger(PrintStream out, String logger) {
        this.out = Objects.requireNonNull(out, "out");
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    public static StructuredLogger stdout(Class<?> owner) {
        return new StructuredLogger(System.out, owner.getSimpleName());
    }

    public Line info(String message) {
        return new Line("INFO", message);
    }

    public Line warn(String message) {
        return new Line("WARN", message);
    }

    public Line error(String message) {
        return new Line("ERROR", message);
    }

    /** One log line being assembled; {@link #emit()} writes it. Null values are left out. */
    public final class Line {
        private final String level;
        private final String message;
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Line(String level, String message) {
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
            out.println(render());
        }

        String render() {
            StringWriter text = new StringWriter(256);
            try (JsonGenerator json = JSON.createGenerator(text)) {
                json.writeStartObject();
                json.writeStringField("timestamp", Instant.now().toString());
                json.writeStringField("level", level);
                json.writeStringField("logger", logger);
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
