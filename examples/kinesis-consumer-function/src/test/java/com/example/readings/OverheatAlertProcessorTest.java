package com.example.readings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import io.kinesishydrator.consumer.PermanentRecordException;
import io.kinesishydrator.consumer.TransientRecordException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverheatAlertProcessorTest {
    private final List<Reading> raised = new ArrayList<>();
    private final OverheatAlertProcessor processor = new OverheatAlertProcessor(80, raised::add);

    private static KinesisEventRecord record(String data) {
        KinesisEvent.Record kinesis = new KinesisEvent.Record();
        kinesis.setData(ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8)));
        KinesisEventRecord record = new KinesisEventRecord();
        record.setKinesis(kinesis);
        return record;
    }

    @Test
    void raisesAnAlertOnlyAboveTheThreshold() throws Exception {
        processor.process(record("{\"sensorId\":\"boiler-7\",\"celsius\":81.5}"));
        processor.process(record("{\"sensorId\":\"boiler-8\",\"celsius\":80}"));
        processor.process(record("{\"sensorId\":\"boiler-9\",\"celsius\":-3,\"battery\":0.4}"));

        assertThat(raised).containsExactly(new Reading("boiler-7", 81.5));
    }

    @Test
    void aRecordThatIsNoReadingFailsPermanently() {
        assertThatThrownBy(() -> processor.process(record("{\"sensorId\":\"boiler-7\",\"celsius\":")))
                .isInstanceOf(PermanentRecordException.class).hasMessageStartingWith("not a JSON reading");
        assertThatThrownBy(() -> processor.process(record("{\"celsius\":90}")))
                .isInstanceOf(PermanentRecordException.class).hasMessage("a reading needs a sensorId");
        assertThatThrownBy(() -> processor.process(record("{\"sensorId\":\"boiler-7\",\"celsius\":\"hot\"}")))
                .isInstanceOf(PermanentRecordException.class).hasMessage("reading of boiler-7 has no numeric celsius");
        assertThat(raised).isEmpty();
    }

    @Test
    void anUnreachableSinkFailsTheRecordTransientlySoItIsRetried() {
        OverheatAlertProcessor unreachable = new OverheatAlertProcessor(80, reading -> {
            throw new SocketTimeoutException("pager timed out");
        });

        assertThatThrownBy(() -> unreachable.process(record("{\"sensorId\":\"boiler-7\",\"celsius\":95}")))
                .isInstanceOf(TransientRecordException.class)
                .hasMessage("alert for boiler-7 not raised")
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void theThresholdComesFromTheEnvironmentOrDefaultsTo80() {
        assertThat(OverheatAlertProcessor.thresholdFrom(null)).isEqualTo(80);
        assertThat(OverheatAlertProcessor.thresholdFrom(" 72.5 ")).isEqualTo(72.5);
        assertThatThrownBy(() -> OverheatAlertProcessor.thresholdFrom("hot"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ALERT_THRESHOLD_CELSIUS");
    }
}
