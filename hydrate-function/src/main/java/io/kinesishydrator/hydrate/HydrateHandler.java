package io.kinesishydrator.hydrate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.LogContext;
import io.kinesishydrator.common.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Subscribed to the failure topic: hydrates every Kinesis or DynamoDB stream OnFailure notification in the event
 * into the dead-letter queue (see {@link Hydrator}). It throws only when the queue will not take a message, so
 * that Lambda retries and, at last, its own OnFailure destination keeps the notification.
 */
public class HydrateHandler implements RequestHandler<SNSEvent, HydrateSummary> {
    /** Time kept back from sending to return; the reading reserve is configurable, this is not. */
    private static final Duration SEND_RESERVE = Duration.ofSeconds(1);

    private final Hydrator hydrator;
    private final Duration readReserve;

    public HydrateHandler() {
        this(Settings.fromEnvironment());
    }

    private HydrateHandler(Settings env) {
        this(HydratorFactory.fromEnvironment(env), HydratorFactory.readReserve(env));
    }

    public HydrateHandler(Hydrator hydrator, Duration readReserve) {
        this.hydrator = hydrator;
        this.readReserve = readReserve;
    }

    @Override
    public HydrateSummary handleRequest(SNSEvent event, Context context) {
        List<String> messages = new ArrayList<>();
        for (SNSEvent.SNSRecord record : recordsOf(event)) {
            messages.add(messageOf(record));
        }
        return hydrate(messages, context);
    }

    /** Hydrates the SNS messages of one event, in order; a null message is a notification with no text. */
    public HydrateSummary hydrate(List<String> messages, Context context) {
        Deadline readDeadline = Deadline.of(context, readReserve);
        Deadline sendDeadline = Deadline.of(context, SEND_RESERVE);
        HydrateSummary summary = new HydrateSummary();
        try (LogContext ignored = LogContext.forRequest(context == null ? null : context.getAwsRequestId())) {
            for (String message : messages) {
                summary.add(hydrator.hydrate(message, readDeadline, sendDeadline));
            }
        }
        return summary;
    }

    private static List<SNSEvent.SNSRecord> recordsOf(SNSEvent event) {
        return event == null || event.getRecords() == null ? List.of() : event.getRecords();
    }

    private static String messageOf(SNSEvent.SNSRecord record) {
        return record == null || record.getSNS() == null ? null : record.getSNS().getMessage();
    }
}
