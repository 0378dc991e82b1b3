package io.kinesishydrator.pipeline;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The three kinds of OnFailure destination a stream event source mapping offers, each with how the hydrate gets
 * what lands there: an SNS topic invokes it asynchronously, an SQS queue through an SQS event source mapping, an
 * S3 bucket through an asynchronous S3 event notification per object.
 */
enum OnFailureDestinationType {
    SNS("SNS topic", "fauxqs", "SNS intake: the topic's notifications, invoked asynchronously",
            "failed after retries"),
    SQS("SQS queue", "ElasticMQ", "SQS intake: an SQS event source mapping, BatchSize 10, ReportBatchItemFailures",
            "reported as batch item failures and delivered again"),
    S3("S3 bucket", "S3Mock", "S3 intake: an ObjectCreated:Put notification per object, invoked asynchronously",
            "failed after retries");

    private final String destination;
    private final String server;
    private final String intake;
    private final String failedHydrations;

    OnFailureDestinationType(String destination, String server, String intake, String failedHydrations) {
        this.destination = destination;
        this.server = server;
        this.intake = intake;
        this.failedHydrations = failedHydrations;
    }

    /**
     * The type named by {@code --on-failure} or by a template's {@code DestinationConfig.OnFailure.Type}, in any case.
     *
     * @throws IllegalArgumentException for anything but SNS, SQS or S3
     */
    static OnFailureDestinationType of(String name) {
        return Arrays.stream(values()).filter(type -> type.name().equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("an OnFailure destination is one of "
                        + Arrays.stream(values()).map(type -> type.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                        + ", got " + name));
    }

    /** What the event source mapping writes to, e.g. "SQS queue". */
    String destination() {
        return destination;
    }

    /** The local server that plays the destination. */
    String server() {
        return server;
    }

    /** Which of the hydrate's intakes runs, and how it is invoked. */
    String intake() {
        return intake;
    }

    /** What became of a hydrate invocation that failed. */
    String failedHydrations() {
        return failedHydrations;
    }
}
