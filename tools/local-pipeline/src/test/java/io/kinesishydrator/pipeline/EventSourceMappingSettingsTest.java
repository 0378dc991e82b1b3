package io.kinesishydrator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventSourceMappingSettingsTest {
    private final EventSourceMappingSettings settings = new EventSourceMappingSettings(100, Duration.ofSeconds(1), 3,
            true, Duration.ofHours(1), 1, "TRIM_HORIZON", true, true);

    @Test
    void overridesChangeOnlyTheirSetting() {
        EventSourceMappingSettings overridden = settings.withBatchSize(5)
                .withMaximumBatchingWindow(Duration.ZERO)
                .withMaximumRetryAttempts(EventSourceMappingSettings.INFINITE_RETRIES)
                .withBisectBatchOnFunctionError(false)
                .withMaximumRecordAge(null);

        assertThat(overridden).isEqualTo(new EventSourceMappingSettings(5, Duration.ZERO, -1, false, null, 1,
                "TRIM_HORIZON", true, true));
        assertThat(overridden.hasRetryLimit()).isFalse();
        assertThat(overridden.hasMaximumRecordAge()).isFalse();
        assertThat(settings.hasRetryLimit()).isTrue();
        assertThat(settings.hasMaximumRecordAge()).isTrue();
    }

    @Test
    void minusOneSecondsOfRecordAgeMeansNoLimit() {
        assertThat(EventSourceMappingSettings.maximumRecordAgeOfSeconds(-1)).isNull();
        assertThat(EventSourceMappingSettings.maximumRecordAgeOfSeconds(60)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void acceptsTheEdgesOfAwsRanges() {
        assertThat(settings.withBatchSize(1).withBatchSize(10_000).batchSize()).isEqualTo(10_000);
        assertThat(settings.withMaximumBatchingWindow(Duration.ofSeconds(300)).maximumBatchingWindow()).hasSeconds(300);
        assertThat(settings.withMaximumRetryAttempts(10_000).maximumRetryAttempts()).isEqualTo(10_000);
        assertThat(settings.withMaximumRecordAge(Duration.ofSeconds(60)).withMaximumRecordAge(Duration.ofSeconds(604_800))
                .maximumRecordAge()).hasSeconds(604_800);
    }

    @Test
    void rejectsWhatAwsRejectsNamingTheSetting() {
        assertThatThrownBy(() -> settings.withBatchSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("BatchSize must be between 1 and 10000, got 0");
        assertThatThrownBy(() -> settings.withBatchSize(10_001)).hasMessageContaining("BatchSize");
        assertThatThrownBy(() -> settings.withMaximumBatchingWindow(Duration.ofSeconds(301)))
                .hasMessage("MaximumBatchingWindowInSeconds must be between 0 and 300, got 301");
        assertThatThrownBy(() -> settings.withMaximumBatchingWindow(Duration.ofMillis(-500)))
                .hasMessage("MaximumBatchingWindowInSeconds must be between 0 and 300, got -0.5");
        assertThatThrownBy(() -> settings.withMaximumRetryAttempts(-2))
                .hasMessage("MaximumRetryAttempts must be between -1 and 10000, got -2");
        assertThatThrownBy(() -> settings.withMaximumRecordAge(Duration.ofSeconds(59)))
                .hasMessage("MaximumRecordAgeInSeconds must be -1 (no limit) or between 60 and 604800, got 59");
        assertThatThrownBy(() -> settings.withMaximumRecordAge(Duration.ofSeconds(604_801)))
                .hasMessageContaining("MaximumRecordAgeInSeconds");
        assertThatThrownBy(() -> new EventSourceMappingSettings(100, Duration.ZERO, 3, true, null, 11, "LATEST", true, true))
                .hasMessage("ParallelizationFactor must be between 1 and 10, got 11");
        assertThatThrownBy(() -> new EventSourceMappingSettings(100, Duration.ZERO, 3, true, null, 1, "AT_TIMESTAMP", true, true))
                .hasMessage("StartingPosition must be TRIM_HORIZON or LATEST, got AT_TIMESTAMP");
        assertThatThrownBy(() -> new EventSourceMappingSettings(100, Duration.ZERO, 3, true, null, 1, null, true, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("StartingPosition");
        assertThatThrownBy(() -> settings.withMaximumBatchingWindow(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("MaximumBatchingWindowInSeconds");
    }
}
