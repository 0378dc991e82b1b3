package io.kinesishydrator.redrive;

import java.util.Arrays;

/** Whether redriven records carry {@link RedriveMarker}'s mark. */
enum MarkMode {
    /** The partition key gets the redrive suffix; routing and data stay as they were. */
    PARTITION_KEY("partition-key"),
    /** The records go back exactly as the dead-letter message holds them. */
    NONE("none");

    private final String option;

    MarkMode(String option) {
        this.option = option;
    }

    String option() {
        return option;
    }

    /** The mode an option value names. */
    static MarkMode of(String option) {
        return Arrays.stream(values()).filter(mode -> mode.option.equals(option)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--mark must be partition-key or none, got '" + option + "'"));
    }
}
