package io.kinesishydrator.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import io.kinesishydrator.common.Settings;
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

    /** A Kinesis processor as a user names it in RECORD_PROCESSOR. */
    public static final class AcceptingProcessor implements RecordProcessor {
        @Override
        public void process(KinesisEventRecord record) {
        }
    }

    @Test
    void theProcessorNamedInRecordProcessorIsCreated() {
        ConsumerSettings settings = ConsumerSettings.from(new Settings(Map.of("RECORD_PROCESSOR", AcceptingProcessor.class.getName())));

        assertThat(settings.processor(RecordProcessor.class)).isInstanceOf(AcceptingProcessor.class);
        assertThat(settings.idempotency().guard()).isNull();
    }

    @Test
    void aMissingRecordProcessorFailsTheColdStartClearly() {
        ConsumerSettings settings = ConsumerSettings.from(new Settings(Map.of()));

        assertThatThrownBy(() -> settings.processor(RecordProcessor.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("RECORD_PROCESSOR is not set: name the class of the function's " + RecordProcessor.class.getName()
                        + " in it, or extend the handler and pass the processor to its constructor");
        assertThatThrownBy(() -> settings.processor(DynamoDbRecordProcessor.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("RECORD_PROCESSOR is not set: name the class of the function's "
                        + DynamoDbRecordProcessor.class.getName());
    }

    @Test
    void aKinesisProcessorNamedForTheDynamoDbConsumerFailsTheColdStartClearly() {
        ConsumerSettings settings = ConsumerSettings.from(new Settings(Map.of("RECORD_PROCESSOR", AcceptingProcessor.class.getName())));

        assertThatThrownBy(() -> settings.processor(DynamoDbRecordProcessor.class))
                .hasMessage("RECORD_PROCESSOR " + AcceptingProcessor.class.getName() + " does not implement "
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
