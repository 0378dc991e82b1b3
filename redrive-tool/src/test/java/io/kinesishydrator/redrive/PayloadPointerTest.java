package io.kinesishydrator.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The SQS Extended Client's pointer, as its versions 2 and 1 write it. */
class PayloadPointerTest {
    private static Message message(String attribute, String body) {
        return Message.builder().body(body).messageAttributes(attribute == null ? Map.of()
                : Map.of(attribute, MessageAttributeValue.builder().dataType("Number").stringValue("2097152").build())).build();
    }

    @Test
    void aMessageWithoutTheSizeAttributeIsInlineWhateverItsBody() throws Exception {
        assertThat(PayloadPointer.of(message(null,
                "[\"software.amazon.payloadoffloading.PayloadS3Pointer\",{\"s3BucketName\":\"b\",\"s3Key\":\"k\"}]"))).isNull();
    }

    @Test
    void thePointerOfVersion2NamesTheBucketAndKey() throws Exception {
        PayloadPointer pointer = PayloadPointer.of(message("ExtendedPayloadSize",
                "[\"software.amazon.payloadoffloading.PayloadS3Pointer\",{\"s3BucketName\":\"payloads\",\"s3Key\":\"dlq/3f2a\"}]"));

        assertThat(pointer).isEqualTo(new PayloadPointer("payloads", "dlq/3f2a"));
        assertThat(pointer.location()).isEqualTo("s3://payloads/dlq/3f2a");
    }

    @Test
    void thePointerOfVersion1IsReadToo() throws Exception {
        assertThat(PayloadPointer.of(message("SQSLargePayloadSize",
                "[\"com.amazon.sqs.javamessaging.MessageS3Pointer\",{\"s3BucketName\":\"payloads\",\"s3Key\":\"k\"}]")))
                .isEqualTo(new PayloadPointer("payloads", "k"));
    }

    @Test
    void theSizeAttributeOnABodyThatIsNoPointerIsNotADeadLetter() {
        assertThatThrownBy(() -> PayloadPointer.of(message("ExtendedPayloadSize", "{\"KinesisBatchInfo\":{}}")))
                .isInstanceOf(NotADeadLetterException.class).hasMessageContaining("not a PayloadS3Pointer");
        assertThatThrownBy(() -> PayloadPointer.of(message("ExtendedPayloadSize",
                "[\"software.amazon.payloadoffloading.PayloadS3Pointer\",{\"s3BucketName\":\"\",\"s3Key\":\"k\"}]")))
                .isInstanceOf(NotADeadLetterException.class);
    }
}
