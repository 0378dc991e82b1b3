package io.kinesishydrator.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Counts written as CloudWatch Embedded Metric Format: one JSON line on stdout that CloudWatch Logs turns into
 * metrics, with no API call and no client to start. Each line carries its dimension values, so a metric is
 * per function and stream.
 */
public final class EmbeddedMetrics {
    private static final JsonFactory JSON = new JsonFactory();

    private final PrintStream out;
    private final String namespace;
    private final LongSupplier clock;

    public EmbeddedMetrics(PrintStream out, String namespace, LongSupplier clock) {
        this.out = out;
        this.namespace = namespace;
        this.clock = clock;
    }

    public static EmbeddedMetrics stdout(String namespace) {
        return new EmbeddedMetrics(System.out, namespace, System::currentTimeMillis);
    }

    public Line line() {
        return new Line();
    }

    /** One metric line being assembled; {@link #emit()} writes it. */
    public final class Line {
        private final Map<String, String> dimensions = new LinkedHashMap<>();
        private final Map<String, Long> values = new LinkedHashMap<>();
        private final Map<String, String> units = new LinkedHashMap<>();

        public Line dimension(String name, String value) {
            dimensions.put(name, value == null ? "unknown" : value);
            return this;
        }

        public Line count(String metric, long value) {
            return value(metric, value, "Count");
        }

        public Line milliseconds(String metric, long value) {
            return value(metric, value, "Milliseconds");
        }

        private Line value(String metric, long value, String unit) {
            values.put(metric, value);
            units.put(metric, unit);
            return this;
        }

        public void emit() {
            out.println(render());
        }

        String render() {
            StringWriter text = new StringWriter(512);
            try (JsonGenerator json = JSON.createGenerator(text)) {
                json.writeStartObject();
                json.writeObjectFieldStart("_aws");
                json.writeNumberField("Timestamp", clock.getAsLong());
                json.writeArrayFieldStart("CloudWatchMetrics");
                json.writeStartObject();
                json.writeStringField("Namespace", namespace);
                json.writeArrayFieldStart("Dimensions");
                json.writeStartArray();
                for (String dimension : dimensions.keySet()) {
                    json.writeString(dimension);
                }
                json.writeEndArray();
                json.writeEndArray();
                json.writeArrayFieldStart("Metrics");
                for (Map.Entry<String, String> metric : units.entrySet()) {
                    json.writeStartObject();
                    json.writeStringField("Name", metric.getKey());
                    json.writeStringField("Unit", metric.getValue());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
                json.writeEndArray();
                json.writeEndObject();
                for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
                    json.writeStringField(dimension.getKey(), dimension.getValue());
                }
                for (Map.Entry<String, Long> value : values.entrySet()) {
                    json.writeNumberField(value.getKey(), value.getValue());
                }
                json.writeEndObject();
            } catch (IOException impossible) {
                throw new UncheckedIOException(impossible);
            }
            return text.toString();
        }
    }
}
