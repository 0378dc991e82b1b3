package io.kinesishydrator.idempotency.dynamodb;

import io.kinesishydrator.consumer.TransientRecordException;
import java.io.IOException;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * DynamoDB failures by what they mean for the record, read from the error code rather than the exception type:
 * some clients (DynamoDB Local's embedded one among them) raise a plain {@code DynamoDbException} that carries
 * the right code.
 */
final class DynamoDbErrors {
    private static final String CONDITION_FAILED = "ConditionalCheckFailedException";
    private static final Set<String> TRANSIENT_CODES = Set.of("ProvisionedThroughputExceededException",
            "ThrottlingException", "RequestLimitExceeded", "LimitExceededException", "InternalServerError",
            "ServiceUnavailable", "TransactionConflictException");

    private DynamoDbErrors() {
    }

    /** The call's result; a failure that may pass becomes a {@link TransientRecordException}. */
    static <T> T call(Supplier<T> request) throws TransientRecordException {
        try {
            return request.get();
        } catch (RuntimeException failure) {
            if (isTransient(failure)) {
                throw new TransientRecordException("idempotency store: " + failure.getMessage(), failure);
            }
            throw failure;
        }
    }

    static boolean isConditionFailure(Throwable failure) {
        return failure instanceof ConditionalCheckFailedException
                || failure instanceof AwsServiceException service && service.awsErrorDetails() != null
                && CONDITION_FAILED.equals(service.awsErrorDetails().errorCode());
    }

    /** Throttling, a server error, or no answer at all (a timeout, a reset connection). */
    static boolean isTransient(Throwable failure) {
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        if (failure instanceof SdkClientException) {
            // No credentials or no region is a client error too, and retrying cannot fix it; an I/O error can pass.
            return failure.getCause() instanceof IOException;
        }
        if (failure instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            return service.isThrottlingException() || service.statusCode() >= 500 || TRANSIENT_CODES.contains(code);
        }
        return false;
    }
}
