package io.kinesishydrator.redrive;

import java.util.function.Function;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** How records are sent, for every command that puts records. */
final class SenderOptions {
    @Option(names = "--max-records-per-second", paramLabel = "N",
            description = "Records a second at most, resends included, across all streams (default: no limit; a shard takes 1000).")
    Double maxRecordsPerSecond;

    @Option(names = "--max-attempts", paramLabel = "N",
            description = "PutRecords attempts per batch, the first included, before a record counts as not put (default: ${DEFAULT-VALUE}).")
    int maxAttempts = 8;

    /**
     * A sender factory; one rate limit paces all the senders it makes. They send records up to Kinesis' largest
     * record size: the redrive leaves a message whose records are over their stream's own maximum before sending.
     */
    Function<KinesisClient, PutRecordsSender> senders() {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("--max-attempts must be at least 1, got " + maxAttempts);
        }
        if (maxRecordsPerSecond != null && !(maxRecordsPerSecond > 0 && maxRecordsPerSecond < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("--max-records-per-second must be a positive number, got " + maxRecordsPerSecond);
        }
        RecordRateLimiter rate = maxRecordsPerSecond == null
                ? RecordRateLimiter.unlimited() : RecordRateLimiter.perSecond(maxRecordsPerSecond);
        return kinesis -> PutRecordsSender.builder(kinesis).maxAttempts(maxAttempts).rateLimiter(rate)
                .maxBytesPerRecord(PutRecordsSender.LARGEST_MAX_BYTES_PER_RECORD).build();
    }
}
