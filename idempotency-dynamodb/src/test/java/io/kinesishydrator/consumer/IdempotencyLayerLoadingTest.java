package io.kinesishydrator.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kinesishydrator.common.Settings;
import io.kinesishydrator.idempotency.dynamodb.DynamoDbIdempotencyStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The consumer finds the store by the name it expects once this module, the layer, is on its classpath. */
class IdempotencyLayerLoadingTest {
    @Test
    void theConsumerLoadsTheLayersStoreByName() {
        assertThat(IdempotencySettings.DYNAMODB_STORE).isEqualTo(DynamoDbIdempotencyStore.class.getName());

        ConsumerSettings settings = ConsumerSettings.from(new Settings(Map.of("IDEMPOTENCY_TABLE", "processed-records")));

        assertThat(settings.idempotency().guard()).isNotNull();
        assertThat(IdempotencySettings.store(IdempotencySettings.DYNAMODB_STORE, "processed-records"))
                .isInstanceOf(DynamoDbIdempotencyStore.class);
    }
}
