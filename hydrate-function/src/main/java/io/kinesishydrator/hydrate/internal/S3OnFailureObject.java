package io.kinesishydrator.hydrate.internal;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.Map;

/**
 * An object that a stream event source mapping's S3 OnFailure destination wrote: the OnFailure record that SNS
 * and SQS destinations carry, plus {@code payload}, the failed invocation's whole event as a JSON string. See
 * <a href="https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html">Retain discarded
 * batch records for a Kinesis Data Streams event source</a> and, for DynamoDB,
 * <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html">services-dynamodb-errors</a>.
 *
 * @param record  the OnFailure record without {@code payload}: the payload travels as records, not twice
 * @param payload the invocation event's JSON text, or null when the object has none
 */
public record S3OnFailureObject(String record, String payload) {
    private static final String PAYLOAD = "payload";
    /** Written back with its nulls: {@code "functionError": null} stays as Lambda wrote it. */
    private static final JSON JSON_WITH_NULLS = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);

    public static S3OnFailureObject parse(String text) throws MalformedNotificationException {
        Map<String, Object> root;
        try {
            root = JSON.std.mapFrom(text);
        } catch (IOException | RuntimeException notAnObject) {
            throw new MalformedNotificationException("the object is not a JSON object: " + notAnObject.getMessage(), notAnObject);
        }
        if (root == null) {
            throw new MalformedNotificationException("the object is empty or JSON null");
        }
        Object payload = root.remove(PAYLOAD);
        try {
            return new S3OnFailureObject(JSON_WITH_NULLS.asString(root), payload instanceof String event ? event : null);
        } catch (IOException impossible) {
            throw new MalformedNotificationException("the object's record cannot be written back: " + impossible.getMessage(), impossible);
        }
    }
}
