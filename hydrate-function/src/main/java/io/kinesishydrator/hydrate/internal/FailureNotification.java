package io.kinesishydrator.hydrate.internal;

/**
 * A Kinesis or DynamoDB stream event source mapping's OnFailure record, as its SNS destination publishes it. It
 * says where the failed batch was, not what it held.
 *
 * @param responseContext absent for {@code RecordAgeExceeded}, when no invocation answered
 * @param json            the record's text exactly as received, to pass on unchanged
 */
public record FailureNotification(RequestContext requestContext, ResponseContext responseContext, String version,
                                  String timestamp, StreamBatchInfo batchInfo, String json) {

    /** Why Lambda gave up: {@code RetryAttemptsExhausted} or {@code RecordAgeExceeded}. */
    public record RequestContext(String requestId, String functionArn, String condition, Integer approximateInvokeCount) {
    }

    /** The last invocation's result; {@code functionError} is null when the function returned a partial failure. */
    public record ResponseContext(Integer statusCode, String executedVersion, String functionError) {
    }
}
