package com.example.readings;

import java.io.IOException;

/** Where alerts go: a pager, a topic, a ticket queue. */
@FunctionalInterface
public interface AlertSink {
    /** One JSON line on stdout, which Lambda sends to the function's log group for a metric filter or alarm. */
    AlertSink LOG = reading -> System.out.println("{\"alert\":\"overheat\",\"sensorId\":\"" + reading.sensorId()
            + "\",\"celsius\":" + reading.celsius() + "}");

    /** Raises the alert; an {@link IOException} means the sink could not be reached, and trying again may help. */
    void raise(Reading reading) throws IOException;
}
