package io.kinesishydrator.hydrate.internal;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * An object that a stream event source mapping's S3 OnFailure destination wrote: the OnFailure record that SNS
 * and SQS destinations carry, plus {@code payload}, the failed invocation's whole event. AWS writes the event as
 * a JSON string holding its JSON text (AWS's own Rust event model types it {@code payload: Option<String>});
 * LocalStack's emulation writes it as the JSON object itself. Both are read; a payload of any other type makes
 * the object malformed. See
 * <a href="https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html">Retain discarded
 * batch records for a Kinesis Data Streams event source</a> and, for DynamoDB,
 * <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html">services-dynamodb-errors</a>.
 *
 * @param record  the OnFailure record without {@code payload}: the payload travels as records, not twice
 * @param payload the invocation event's JSON text, or null when the object has none (or {@code "payload": null})
 */
public record S3OnFailureObject(String record, String payload) {
    private static final String PAYLOAD = "payload";
    /**
     * Written back with its nulls: {@code "functionError": null} stays as Lambda wrote it. Fractions are read as
     * decimals so an event object's timestamps are written back digit for digit.
     */
    private static final JSON JSON_EXACT = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES, JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS);

    public static S3OnFailureObject parse(String text) throws MalformedNotificationException {
        Map<String, Object> root;
        try {
            root = JSON_EXACT.mapFrom(text);
        } catch (IOException | RuntimeException notAnObject) {
            throw new MalformedNotificationException("the object is not a JSON object: " + notAnObject.getMessage(), notAnObject);
        }
        if (root == null) {
            throw new MalformedNotificationException("the object is empty or JSON null");
        }
        Object payload = root.remove(PAYLOAD);
        return new S3OnFailureObject(writtenBack(root, "record"), switch (payload) {
            case null -> null;
            case String eventText -> eventText;
            case Map<?, ?> event -> writtenBack(event, "payload");
            default -> throw new MalformedNotificationException("the object's payload is " + typeOf(payload)
                    + ", not the invocation event (a JSON string holding its text, or a JSON object)");
        });
    }

    private static String writtenBack(Object json, String what) throws MalformedNotificationException {
        try {
            return JSON_EXACT.asString(json);
        } catch (IOException impossible) {
            throw new MalformedNotificationException("the object's " + what + " cannot be written back: " + impossible.getMessage(), impossible);
        }
    }

    private static String typeOf(Object value) {
        return switch (value) {
            case Number number -> "a number (" + number + ")";
            case Boolean flag -> "a boolean (" + flag + ")";
            case List<?> list -> "an array of " + list.size() + " element(s)";
            default -> "a " + value.getClass().getSimpleName();
        };
    }
}
