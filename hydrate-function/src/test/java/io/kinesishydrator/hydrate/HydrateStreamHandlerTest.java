package io.kinesishydrator.hydrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class HydrateStreamHandlerTest {

    @Test
    void writesTheSummaryAsTheRuntimeWritesTheBean() throws IOException {
        HydrateSummary summary = new HydrateSummary();
        summary.add(new Hydrator.HydrationResult("arn:aws:kinesis:us-east-1:123456789012:stream/s/shardId-0/1-9", "COMPLETE", 9, 1));
        summary.add(new Hydrator.HydrationResult("unparseable/ab\\\"c", "UNPARSEABLE", 0, 1));
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        ByteArrayOutputStream byRuntime = new ByteArrayOutputStream();

        HydrateStreamHandler.write(summary, written);
        JacksonFactory.getInstance().getSerializer(HydrateSummary.class).toJson(summary, byRuntime);

        assertThat(JSON.std.mapFrom(written.toByteArray())).isEqualTo(JSON.std.mapFrom(byRuntime.toByteArray()))
                .containsEntry("recordsHydrated", 9).containsEntry("dlqMessages", 2);
    }

    @Test
    void leavesTheRuntimesStreamOpen() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream output = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        HydrateStreamHandler.write(new HydrateSummary(), output);

        assertThat(closed[0]).isFalse();
        assertThat(JSON.std.mapFrom(output.toByteArray())).containsEntry("notifications", 0);
    }
}
