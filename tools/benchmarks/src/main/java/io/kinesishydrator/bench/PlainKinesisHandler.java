package io.kinesishydrator.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

/** The plain baseline as a deployed function, for the cold start: {@link PlainOrderHandler} behind the runtime. */
public final class PlainKinesisHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        return PlainOrderHandler.handle(event.getRecords(), order -> {
        });
    }
}
