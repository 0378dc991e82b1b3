package io.kinesishydrator.redrive;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Says what an AWS failure means for the operator, in one line, and what to check. */
final class AwsErrors {
    private static final Set<String> REJECTED_CREDENTIALS = Set.of("UnrecognizedClientException", "InvalidClientTokenId",
            "InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignature", "MissingAuthenticationToken",
            "ExpiredToken", "ExpiredTokenException", "InvalidAccessKeyId", "AuthFailure", "InvalidSecurity");
    private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "AccessDeniedException",
            "KMSAccessDeniedException", "KMSAccessDenied");

    private AwsErrors() {
    }

    static String describe(SdkException failure) {
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            AwsErrorDetails details = service.awsErrorDetails();
            String code = Objects.requireNonNullElse(details.errorCode(), "no error code");
            String detail = " (" + code + ": " + details.errorMessage() + ")";
            if (REJECTED_CREDENTIALS.contains(code)) {
                return "AWS rejected the credentials" + detail + "; check AWS_PROFILE or --profile, AWS_ACCESS_KEY_ID,"
                        + " and that a session token has not expired";
            }
            if (ACCESS_DENIED.contains(code)) {
                return "access denied" + detail + "; the credentials lack a permission the tool needs";
            }
            return Objects.requireNonNullElse(details.serviceName(), "AWS") + " refused the call" + detail;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return "cannot reach the endpoint (" + cause.getMessage() + "); check --endpoint-url, the AWS_ENDPOINT_URL_*"
                        + " variables and the network";
            }
        }
        return failure.getMessage();
    }
}
