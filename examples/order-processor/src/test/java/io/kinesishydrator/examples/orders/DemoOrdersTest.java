package io.kinesishydrator.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kinesishydrator.consumer.PermanentRecordException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DemoOrdersTest {
    private static ByteBuffer bytes(String json) {
        return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void validOrdersParseAndPoisonIsRejectedForGood() throws Exception {
        List<DemoOrders.DemoOrder> orders = Stream.generate(new DemoOrders(7, 0.3)::next).limit(200).toList();

        assertThat(orders).filteredOn(DemoOrders.DemoOrder::poison).hasSizeBetween(30, 90);
        for (DemoOrders.DemoOrder order : orders) {
            if (order.poison()) {
                assertThatThrownBy(() -> OrderParser.parse(bytes(order.json()))).isInstanceOf(PermanentRecordException.class);
            } else {
                assertThat(OrderParser.parse(bytes(order.json())).customerId()).isEqualTo(order.customerId());
            }
        }
    }

    @Test
    void poisonIsHalfMalformedAndHalfInvalid() {
        List<String> poison = Stream.generate(new DemoOrders(7, 1)::next).limit(4).map(DemoOrders.DemoOrder::json).toList();

        assertThat(poison.get(0)).endsWith("\"sku\":");
        assertThat(poison.get(1)).contains("\"quantity\":0");
    }

    @Test
    void theSameSeedGivesTheSameOrders() {
        DemoOrders first = new DemoOrders(42, 0.1);
        DemoOrders second = new DemoOrders(42, 0.1);

        for (int i = 0; i < 50; i++) {
            assertThat(first.next()).isEqualTo(second.next());
        }
    }
}
