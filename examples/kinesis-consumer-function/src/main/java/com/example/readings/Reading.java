package com.example.readings;

import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.consumer.PermanentRecordException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/** A sensor's temperature reading, as the sensors write it: {@code {"sensorId":"boiler-7","celsius":81.5}}. */
public record Reading(String sensorId, double celsius) {

    /** The reading in a record's data; data that is not one will never be, so it fails permanently. */
    static Reading parse(ByteBuffer data) throws PermanentRecordException {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        Map<String, Object> fields;
        try {
            fields = JSON.std.mapFrom(bytes);
        } catch (IOException malformed) {
            throw new PermanentRecordException("not a JSON reading: " + malformed.getMessage(), malformed);
        }
        if (!(fields.get("sensorId") instanceof String sensorId) || sensorId.isBlank()) {
            throw new PermanentRecordException("a reading needs a sensorId");
        }
        if (!(fields.get("celsius") instanceof Number celsius)) {
            throw new PermanentRecordException("reading of " + sensorId + " has no numeric celsius");
        }
        return new Reading(sensorId, celsius.doubleValue());
    }
}
