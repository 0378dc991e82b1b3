package io.kinesishydrator.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import io.kinesishydrator.common.Settings;
import io.kinesishydrator.consumer.example.OrderChangeRecordProcessor;
import io.kinesishydrator.consumer.example.OrderRecordProcessor;
import io.kinesishydrator.consumer.idempotency.IdempotencyKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {
    /** A business key: the partition key, say an order id. */
    public static final class PartitionKeys implements IdempotencyKey<KinesisEventRecord> {
        @Override
        public String of(KinesisEventRecord record) {
            return record.getKinesis().getPartitionKey();
        }
    }

    @Test
    void eachSourceDefaultsToItsExampleProcessor() {
        ConsumerSettings settings = ConsumerSettings.from(new Settings(Map.of()));

        assertThat(settings.processor(RecordProcessor.class, OrderRecordProcessor.class)).isInstanceOf(OrderRecordProcessor.class);
        assertThat(settings.processor(DynamoDbRecordProcessor.class, OrderChangeRecordProcessor.class))
                .isInstanceOf(OrderChangeRecordProcessor.class);
        assertThat(settings.idempotency().guard()).isNull();
    }

    @Test
    void aKinesisProcessorNamedForTheDynamoDbConsumerFailsTheColdStartClearly() {
        ConsumerSettings settings = ConsumerSettings.from(new Settings(Map.of("RECORD_PROCESSOR", OrderRecordProcessor.class.getName())));

        assertThatThrownBy(() -> settings.processor(DynamoDbRecordProcessor.class, OrderChangeRecordProcessor.class))
                .hasMessage("RECORD_PROCESSOR " + OrderRecordProcessor.class.getName() + " does not implement "
                        + DynamoDbRecordProcessor.class.getName());
    }

    @Test
    void anIdempotencyTableWithoutTheLayerFailsTheColdStartNamingTheLayer() {
        assertThatThrownBy(() -> ConsumerSettings.from(new Settings(Map.of("IDEMPOTENCY_TABLE", "processed-records"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("IDEMPOTENCY_TABLE is set")
                .hasMessageContaining(IdempotencySettings.DYNAMODB_STORE)
                .hasMessageContaining("attach the idempotency layer");
    }

    @Test
    void anIdempotencyKeyIsCheckedAgainstTheRecordsTheFunctionReceives() {
        IdempotencySettings settings = new IdempotencySettings(null, PartitionKeys.class.getName());

        assertThat(settings.key(KinesisEventRecord.class)).isInstanceOf(PartitionKeys.class);
        assertThatThrownBy(() -> settings.key(DynamodbStreamRecord.class))
                .hasMessageContaining("must implement IdempotencyKey<" + DynamodbStreamRecord.class.getName() + ">");
        assertThat(new IdempotencySettings(null, null).key(KinesisEventRecord.class)).isNull();
    }
}
