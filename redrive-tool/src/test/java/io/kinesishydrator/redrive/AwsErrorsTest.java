package io.kinesishydrator.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.sqs.model.SqsException;

class AwsErrorsTest {

    private static AwsErrorDetails details(String service, String code, String message) {
        return AwsErrorDetails.builder().serviceName(service).errorCode(code).errorMessage(message).build();
    }

    @Test
    void rejectedCredentialsSayWhatToCheck() {
        SqsException rejected = (SqsException) SqsException.builder().statusCode(403)
                .awsErrorDetails(details("Sqs", "InvalidClientTokenId", "The security token included in the request is invalid.")).build();

        assertThat(AwsErrors.describe(rejected)).startsWith("AWS rejected the credentials (InvalidClientTokenId: The security token")
                .contains("--profile");
    }

    @Test
    void aMissingPermissionIsCalledAccessDenied() {
        KinesisException denied = (KinesisException) KinesisException.builder().statusCode(400)
                .awsErrorDetails(details("Kinesis", "AccessDeniedException", "not authorized to perform: kinesis:PutRecords")).build();

        assertThat(AwsErrors.describe(denied)).startsWith("access denied (AccessDeniedException: not authorized to perform: kinesis:PutRecords)");
    }

    @Test
    void anUnreachableEndpointSaysWhereToLook() {
        SdkClientException unreachable = SdkClientException.create("Unable to execute HTTP request",
                new ConnectException("Connection refused"));

        assertThat(AwsErrors.describe(unreachable)).startsWith("cannot reach the endpoint (Connection refused)").contains("--endpoint-url");
    }
}
