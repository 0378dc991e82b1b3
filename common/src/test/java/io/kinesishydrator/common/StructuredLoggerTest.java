package io.kinesishydrator.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StructuredLoggerTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private StructuredLogger logger(StructuredLogger.Level threshold) {
        return new StructuredLogger(new PrintStream(out, true, StandardCharsets.UTF_8), "test", threshold);
    }

    @Test
    void writesOneJsonObjectPerLineWithTheRequestIdOfTheInvocation() {
        try (LogContext ignored = LogContext.forRequest("req-1")) {
            logger(StructuredLogger.Level.INFO).error("record failed").with("shardId", "shardId-1").with("attempts", 3)
                    .with("absent", null).with("note", "line\nbreak").emit();
        }
        logger(StructuredLogger.Level.INFO).info("after").emit();

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("{").endsWith("}")
                .contains("\"level\":\"ERROR\"", "\"requestId\":\"req-1\"", "\"shardId\":\"shardId-1\"", "\"attempts\":3",
                        "\"note\":\"line\\nbreak\"")
                .doesNotContain("absent");
        assertThat(lines[1]).doesNotContain("requestId");
    }

    @Test
    void leavesOutLinesBelowTheLevel() {
        StructuredLogger warnings = logger(StructuredLogger.Level.of("warn"));
        warnings.info("quiet").emit();
        warnings.debug("quieter").emit();
        warnings.warn("loud").emit();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("loud").doesNotContain("quiet");
    }

    @Test
    void rejectsAnUnknownLevel() {
        assertThat(StructuredLogger.Level.of(null)).isEqualTo(StructuredLogger.Level.INFO);
        assertThatThrownBy(() -> StructuredLogger.Level.of("verbose")).hasMessageContaining("LOG_LEVEL");
    }
}
