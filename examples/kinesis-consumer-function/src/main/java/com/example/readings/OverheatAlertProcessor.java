package com.example.readings;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import io.kinesishydrator.consumer.PermanentRecordException;
import io.kinesishydrator.consumer.RecordProcessor;
import io.kinesishydrator.consumer.TransientRecordException;
import java.io.IOException;
import java.util.Objects;

/**
 * Raises an alert for every reading above the threshold. A record that is not a reading fails permanently: the
 * consumer reports it at once and, after the event source mapping's retries, it goes to the OnFailure
 * destination. A sink that cannot be reached fails the record transiently: the consumer retries it in-process.
 *
 * <p>Named in {@code RECORD_PROCESSOR}, it is created with its no-argument constructor, which reads the
 * threshold from {@code ALERT_THRESHOLD_CELSIUS} (default 80) and logs its alerts.
 */
public final class OverheatAlertProcessor implements RecordProcessor {
    private static final double DEFAULT_THRESHOLD_CELSIUS = 80;

    private final double thresholdCelsius;
    private final AlertSink alerts;

    public OverheatAlertProcessor() {
        this(thresholdFrom(System.getenv("ALERT_THRESHOLD_CELSIUS")), AlertSink.LOG);
    }

    public OverheatAlertProcessor(double thresholdCelsius, AlertSink alerts) {
        this.thresholdCelsius = thresholdCelsius;
        this.alerts = Objects.requireNonNull(alerts, "alerts");
    }

    @Override
    public void process(KinesisEventRecord record) throws PermanentRecordException, TransientRecordException {
        Reading reading = Reading.parse(record.getKinesis().getData());
        if (reading.celsius() <= thresholdCelsius) {
            return;
        }
        try {
            alerts.raise(reading);
        } catch (IOException unreachable) {
            throw new TransientRecordException("alert for " + reading.sensorId() + " not raised", unreachable);
        }
    }

    static double thresholdFrom(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_THRESHOLD_CELSIUS;
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException notANumber) {
            throw new IllegalStateException("ALERT_THRESHOLD_CELSIUS must be a number, got " + value, notANumber);
        }
    }
}
