package io.kinesishydrator.hydrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kinesishydrator.common.Settings;
import io.kinesishydrator.hydrate.internal.MalformedNotificationException;
import io.kinesishydrator.hydrate.internal.StreamArn;
import io.kinesishydrator.hydrate.internal.StreamType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrossAccountRoleTest {
    @Test
    void noVariableOrAnEmptyOneMeansNoRole() {
        assertThat(CrossAccountRole.fromEnvironment(new Settings(Map.of()))).isEmpty();
        assertThat(CrossAccountRole.fromEnvironment(new Settings(Map.of("CROSS_ACCOUNT_ROLE_ARN", "")))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:iam::123456789012:role/stream-reader", "arn:aws-cn:iam::123456789012:role/team/hydrate/reader_1+=,.@-"})
    void aRoleArnNamesTheAccountWhoseStreamsItReads(String arn) {
        CrossAccountRole role = CrossAccountRole.fromEnvironment(new Settings(Map.of("CROSS_ACCOUNT_ROLE_ARN", arn))).orElseThrow();

        assertThat(role.arn()).isEqualTo(arn);
        assertThat(role.accountId()).isEqualTo("123456789012");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-reader", "arn:aws:iam::123456789012:user/someone", "arn:aws:iam::12345:role/short-account",
            "arn:aws:sts::123456789012:assumed-role/reader/session", "arn:aws:iam:us-east-1:123456789012:role/regional",
            "arn:aws:iam::123456789012:role/"})
    void anythingButAnIamRoleArnFailsInitNamingTheVariable(String value) {
        Settings env = new Settings(Map.of("CROSS_ACCOUNT_ROLE_ARN", value));

        assertThatThrownBy(() -> CrossAccountRole.fromEnvironment(env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CROSS_ACCOUNT_ROLE_ARN must be an IAM role ARN")
                .hasMessageContaining(value);
    }

    @Test
    void theFactoryRefusesAnInvalidRoleBeforeBuildingAnything() {
        Settings env = new Settings(Map.of("CROSS_ACCOUNT_ROLE_ARN", "arn:aws:iam::123456789012:policy/not-a-role",
                "DLQ_URL", "http://127.0.0.1:1/000000000000/dlq"));

        assertThatThrownBy(() -> HydratorFactory.fromEnvironment(env)).hasMessageContaining("CROSS_ACCOUNT_ROLE_ARN");
    }

    @Test
    void itReadsTheStreamsOfItsOwnAccountOnly() throws MalformedNotificationException {
        CrossAccountRole role = CrossAccountRole.parse("arn:aws:iam::123456789012:role/stream-reader");

        assertThat(role.reads(StreamArn.parse("arn:aws:kinesis:eu-west-1:123456789012:stream/orders", StreamType.KINESIS))).isTrue();
        assertThat(role.reads(StreamArn.parse("arn:aws:kinesis:eu-west-1:210987654321:stream/orders", StreamType.KINESIS))).isFalse();
        assertThat(role.reads(StreamArn.parse("arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2025-01-01T00:00:00.000",
                StreamType.DYNAMODB_STREAMS))).isTrue();
    }
}
