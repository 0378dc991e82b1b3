package io.kinesishydrator.idempotency.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kinesishydrator.consumer.TransientRecordException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

class DynamoDbErrorsTest {
    private static DynamoDbException error(String code, int status) {
        return (DynamoDbException) DynamoDbException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
                .statusCode(status).message(code).build();
    }

    @Test
    void throttlingServerErrorsAndTimeoutsMayPass() {
        assertThat(DynamoDbErrors.isTransient(error("ProvisionedThroughputExceededException", 400))).isTrue();
        assertThat(DynamoDbErrors.isTransient(error("ThrottlingException", 400))).isTrue();
        assertThat(DynamoDbErrors.isTransient(error("RequestLimitExceeded", 400))).isTrue();
        assertThat(DynamoDbErrors.isTransient(error("InternalServerError", 500))).isTrue();
        assertThat(DynamoDbErrors.isTransient(ApiCallTimeoutException.create(1000))).isTrue();
        assertThat(DynamoDbErrors.isTransient(SdkClientException.create("reset", new IOException("connection reset")))).isTrue();
    }

    @Test
    void aMissingTableDeniedAccessOrMissingCredentialsWouldRepeat() {
        assertThat(DynamoDbErrors.isTransient(error("ResourceNotFoundException", 400))).isFalse();
        assertThat(DynamoDbErrors.isTransient(error("AccessDeniedException", 400))).isFalse();
        assertThat(DynamoDbErrors.isTransient(SdkClientException.create("Unable to load credentials"))).isFalse();
    }

    @Test
    void aConditionFailureIsRecognisedTypedOrByItsCode() {
        assertThat(DynamoDbErrors.isConditionFailure(ConditionalCheckFailedException.builder().message("no").build())).isTrue();
        assertThat(DynamoDbErrors.isConditionFailure(error("ConditionalCheckFailedException", 400))).isTrue();
        assertThat(DynamoDbErrors.isConditionFailure(error("ValidationException", 400))).isFalse();
    }

    @Test
    void callTurnsTransientFailuresIntoTransientRecordExceptionsAndPassesTheRestOn() {
        DynamoDbException throttled = error("ThrottlingException", 400);
        DynamoDbException denied = error("AccessDeniedException", 400);

        assertThatThrownBy(() -> DynamoDbErrors.call(() -> { throw throttled; }))
                .isInstanceOf(TransientRecordException.class).hasCause(throttled);
        assertThatThrownBy(() -> DynamoDbErrors.call(() -> { throw denied; })).isSameAs(denied);
    }
}
