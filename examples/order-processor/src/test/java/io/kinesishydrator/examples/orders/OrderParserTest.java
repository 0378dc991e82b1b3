package io.kinesishydrator.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kinesishydrator.consumer.PermanentRecordException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OrderParserTest {
    private static ByteBuffer bytes(String json) {
        return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAValidOrderAndIgnoresUnknownFields() throws Exception {
        Order order = OrderParser.parse(bytes(
                "{\"orderId\":\"o-1\",\"note\":{\"gift\":[1,2]},\"customerId\":\"c-7\",\"sku\":\"SKU-1\",\"quantity\":3,\"unitPrice\":9.99}"));

        assertThat(order).isEqualTo(new Order("o-1", "c-7", "SKU-1", 3, new BigDecimal("9.99")));
    }

    @Test
    void readsFromASliceOfALargerBuffer() throws Exception {
        byte[] framed = "xx{\"orderId\":\"o\",\"customerId\":\"c\",\"sku\":\"s\",\"quantity\":1,\"unitPrice\":0}yy"
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer slice = ByteBuffer.wrap(framed, 2, framed.length - 4).slice();

        assertThat(OrderParser.parse(slice).orderId()).isEqualTo("o");
        assertThat(slice.remaining()).isEqualTo(framed.length - 4);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"orderId\":\"o\",\"customerId\":\"c\",\"sku\":|malformed order JSON",
            "not json|malformed order JSON",
            "[1,2]|must be a JSON object",
            "{\"customerId\":\"c\",\"sku\":\"s\",\"quantity\":1,\"unitPrice\":1}|orderId is missing",
            "{\"orderId\":\" \",\"customerId\":\"c\",\"sku\":\"s\",\"quantity\":1,\"unitPrice\":1}|orderId must be a non-blank string",
            "{\"orderId\":\"o\",\"customerId\":\"c\",\"sku\":\"s\",\"quantity\":0,\"unitPrice\":1}|quantity must be a whole number",
            "{\"orderId\":\"o\",\"customerId\":\"c\",\"sku\":\"s\",\"quantity\":1.5,\"unitPrice\":1}|quantity must be a whole number",
            "{\"orderId\":\"o\",\"customerId\":\"c\",\"sku\":\"s\",\"quantity\":1,\"unitPrice\":-1}|unitPrice must be a number",
            "{\"orderId\":\"o\",\"customerId\":\"c\",\"sku\":\"s\",\"quantity\":1,\"unitPrice\":\"1\"}|unitPrice must be a number",
            "{\"orderId\":\"o\",\"customerId\":\"c\",\"sku\":\"s\",\"quantity\":1,\"unitPrice\":1} {}|content after the order object",
    })
    void rejectsWhatIsNotAValidOrderAsPermanent(String payload, String reason) {
        assertThatThrownBy(() -> OrderParser.parse(bytes(payload)))
                .isInstanceOf(PermanentRecordException.class)
                .hasMessageContaining(reason);
    }
}
