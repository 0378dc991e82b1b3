package io.kinesishydrator.pipeline;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a Kinesis event source mapping feeds the consumer: the properties of its {@code Type: Kinesis} event,
 * checked against the ranges AWS accepts so a local run cannot use a setting a deploy would reject.
 *
 * @param maximumRetryAttempts retries of a failing batch; {@value #INFINITE_RETRIES} retries until the
 *                             records expire, as in AWS
 * @param maximumRecordAge     records older than this skip the function and go to the failure destination;
 *                             {@code null} means no limit (AWS's {@code -1}), see {@link #hasMaximumRecordAge()}
 * @param startingPosition     {@code TRIM_HORIZON} or {@code LATEST}
 * @param onFailureDestination whether {@code DestinationConfig.OnFailure} is set; without it a batch that
 *                             runs out of retries or age is dropped with nothing recorded
 */
public record EventSourceMappingSettings(int batchSize, Duration maximumBatchingWindow, int maximumRetryAttempts,
                                         boolean bisectBatchOnFunctionError, Duration maximumRecordAge,
                                         int parallelizationFactor, String startingPosition,
                                         boolean reportBatchItemFailures, boolean onFailureDestination) {
    public static final int INFINITE_RETRIES = -1;
    public static final long INFINITE_RECORD_AGE_SECONDS = -1;

    // What AWS uses when the event leaves a property out, in the units the event's properties are written in.
    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final int DEFAULT_MAXIMUM_BATCHING_WINDOW_IN_SECONDS = 0;
    public static final int DEFAULT_MAXIMUM_RETRY_ATTEMPTS = INFINITE_RETRIES;
    public static final boolean DEFAULT_BISECT_BATCH_ON_FUNCTION_ERROR = false;
    public static final long DEFAULT_MAXIMUM_RECORD_AGE_IN_SECONDS = INFINITE_RECORD_AGE_SECONDS;
    public static final int DEFAULT_PARALLELIZATION_FACTOR = 1;

    private static final Set<String> STARTING_POSITIONS = Set.of("TRIM_HORIZON", "LATEST");
    private static final Duration LONGEST_BATCHING_WINDOW = Duration.ofSeconds(300);
    private static final Duration YOUNGEST_RECORD_AGE_LIMIT = Duration.ofSeconds(60);
    private static final Duration OLDEST_RECORD_AGE_LIMIT = Duration.ofSeconds(604_800);

    public EventSourceMappingSettings {
        requireBetween("BatchSize", batchSize, 1, 10_000);
        Objects.requireNonNull(maximumBatchingWindow, "MaximumBatchingWindowInSeconds must be set; use Duration.ZERO for none");
        if (maximumBatchingWindow.isNegative() || maximumBatchingWindow.compareTo(LONGEST_BATCHING_WINDOW) > 0) {
            throw new IllegalArgumentException("MaximumBatchingWindowInSeconds must be between 0 and 300, got "
                    + seconds(maximumBatchingWindow));
        }
        requireBetween("MaximumRetryAttempts", maximumRetryAttempts, INFINITE_RETRIES, 10_000);
        if (maximumRecordAge != null && (maximumRecordAge.compareTo(YOUNGEST_RECORD_AGE_LIMIT) < 0
                || maximumRecordAge.compareTo(OLDEST_RECORD_AGE_LIMIT) > 0)) {
            throw new IllegalArgumentException("MaximumRecordAgeInSeconds must be -1 (no limit) or between 60 and 604800, got "
                    + seconds(maximumRecordAge));
        }
        requireBetween("ParallelizationFactor", parallelizationFactor, 1, 10);
        if (startingPosition == null || !STARTING_POSITIONS.contains(startingPosition)) {
            throw new IllegalArgumentException("StartingPosition must be TRIM_HORIZON or LATEST, got " + startingPosition);
        }
    }

    /**
     * A record age limit in AWS's {@code MaximumRecordAgeInSeconds} form: {@value #INFINITE_RECORD_AGE_SECONDS}
     * gives {@code null}, no limit; anything else is a number of seconds, checked when the settings are built.
     */
    public static Duration maximumRecordAgeOfSeconds(long seconds) {
        return seconds == INFINITE_RECORD_AGE_SECONDS ? null : Duration.ofSeconds(seconds);
    }

    /** False when records never expire, so only retries end a failing batch. */
    public boolean hasMaximumRecordAge() {
        return maximumRecordAge != null;
    }

    /** False when a failing batch is retried until its records expire. */
    public boolean hasRetryLimit() {
        return maximumRetryAttempts != INFINITE_RETRIES;
    }

    public EventSourceMappingSettings withBatchSize(int batchSize) {
        return new EventSourceMappingSettings(batchSize, maximumBatchingWindow, maximumRetryAttempts,
                bisectBatchOnFunctionError, maximumRecordAge, parallelizationFactor, startingPosition,
                reportBatchItemFailures, onFailureDestination);
    }

    public EventSourceMappingSettings withMaximumBatchingWindow(Duration maximumBatchingWindow) {
        return new EventSourceMappingSettings(batchSize, maximumBatchingWindow, maximumRetryAttempts,
                bisectBatchOnFunctionError, maximumRecordAge, parallelizationFactor, startingPosition,
                reportBatchItemFailures, onFailureDestination);
    }

    /** {@value #INFINITE_RETRIES} retries until the records expire. */
    public EventSourceMappingSettings withMaximumRetryAttempts(int maximumRetryAttempts) {
        return new EventSourceMappingSettings(batchSize, maximumBatchingWindow, maximumRetryAttempts,
                bisectBatchOnFunctionError, maximumRecordAge, parallelizationFactor, startingPosition,
                reportBatchItemFailures, onFailureDestination);
    }

    public EventSourceMappingSettings withBisectBatchOnFunctionError(boolean bisectBatchOnFunctionError) {
        return new EventSourceMappingSettings(batchSize, maximumBatchingWindow, maximumRetryAttempts,
                bisectBatchOnFunctionError, maximumRecordAge, parallelizationFactor, startingPosition,
                reportBatchItemFailures, onFailureDestination);
    }

    /** {@code null} lifts the limit; see {@link #maximumRecordAgeOfSeconds(long)} for AWS's {@code -1}. */
    public EventSourceMappingSettings withMaximumRecordAge(Duration maximumRecordAge) {
        return new EventSourceMappingSettings(batchSize, maximumBatchingWindow, maximumRetryAttempts,
                bisectBatchOnFunctionError, maximumRecordAge, parallelizationFactor, startingPosition,
                reportBatchItemFailures, onFailureDestination);
    }

    private static void requireBetween(String setting, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(setting + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    // In the unit the settings are written in, so the message matches what the user typed.
    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }
}
