package io.kinesishydrator.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmbeddedMetricsTest {
    @Test
    void writesOneEmbeddedMetricFormatLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EmbeddedMetrics(new PrintStream(out, true, StandardCharsets.UTF_8), "KinesisHydrator", () -> 1700000000000L)
                .line().dimension("FunctionName", "hydrate").dimension("StreamName", null)
                .count("RecordsHydrated", 12).count("RecordsLost", 0).emit();

        assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("{\"_aws\":{\"Timestamp\":1700000000000,"
                + "\"CloudWatchMetrics\":[{\"Namespace\":\"KinesisHydrator\",\"Dimensions\":[[\"FunctionName\",\"StreamName\"]],"
                + "\"Metrics\":[{\"Name\":\"RecordsHydrated\",\"Unit\":\"Count\"},{\"Name\":\"RecordsLost\",\"Unit\":\"Count\"}]}]},"
                + "\"FunctionName\":\"hydrate\",\"StreamName\":\"unknown\",\"RecordsHydrated\":12,\"RecordsLost\":0}");
    }
}
