package io.kinesishydrator.hydrate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.LogContext;
import io.kinesishydrator.common.Settings;
import io.kinesishydrator.common.StructuredLogger;
import io.kinesishydrator.hydrate.internal.S3ObjectReference;
import io.kinesishydrator.hydrate.internal.SqsEventReader.QueuedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Hydrates every Kinesis or DynamoDB stream OnFailure notification of an event into the dead-letter queue (see
 * {@link Hydrator}), from any of the three OnFailure destinations: SNS messages (this POJO handler's own event),
 * SQS messages and S3 objects ({@link HydrateStreamHandler} tells them apart). For SNS and S3, invoked
 * asynchronously, it throws when the queue will not take a message, so that Lambda retries and, at last, its own
 * OnFailure destination keeps the event; for SQS it reports that message as a batch item failure instead, so that
 * only it comes back.
 */
public class HydrateHandler implements RequestHandler<SNSEvent, HydrateSummary> {
    /** Time kept back from sending to return; the reading reserve is configurable, this is not. */
    private static final Duration SEND_RESERVE = Duration.ofSeconds(1);

    private final Hydrator hydrator;
    private final Duration readReserve;
    private final StructuredLogger log = StructuredLogger.stdout(HydrateHandler.class);

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

    /**
     * Hydrates the OnFailure records of an SQS event, one a message body, and returns the ids of the messages to
     * retry: those whose hydration threw (the queue refused, or anything unexpected), and those the read deadline
     * came before, which SQS delivers again rather than have them read nothing. A body that is not an OnFailure
     * record is not among them: it is in the dead-letter queue as received.
     */
    public List<String> hydrateQueueMessages(List<QueuedMessage> messages, Context context) {
        Deadline readDeadline = Deadline.of(context, readReserve);
        Deadline sendDeadline = Deadline.of(context, SEND_RESERVE);
        List<String> failed = new ArrayList<>();
        try (LogContext ignored = LogContext.forRequest(context == null ? null : context.getAwsRequestId())) {
            for (QueuedMessage message : messages) {
                if (readDeadline.expired()) {
                    log.warn("no time left to read for this message; reported for SQS to deliver again")
                            .with("messageId", message.messageId()).emit();
                    failed.add(message.messageId());
                    continue;
                }
                try {
                    hydrator.hydrate(message.body(), readDeadline, sendDeadline);
                } catch (RuntimeException transientFailure) {
                    log.error("message not hydrated; reported for SQS to deliver again")
                            .with("messageId", message.messageId()).with("reason", transientFailure.getMessage()).emit();
                    failed.add(message.messageId());
                }
            }
        }
        return failed;
    }

    /** Hydrates the S3 OnFailure objects an S3 event names, in order, each with the records its payload holds. */
    public HydrateSummary hydrateObjects(List<S3ObjectReference> objects, Context context) {
        Deadline sendDeadline = Deadline.of(context, SEND_RESERVE);
        HydrateSummary summary = new HydrateSummary();
        try (LogContext ignored = LogContext.forRequest(context == null ? null : context.getAwsRequestId())) {
            for (S3ObjectReference object : objects) {
                summary.add(hydrator.hydrateObject(object.bucket(), object.key(), sendDeadline));
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
