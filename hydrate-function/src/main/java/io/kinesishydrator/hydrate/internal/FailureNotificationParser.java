package io.kinesishydrator.hydrate.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.hydrate.internal.FailureNotification.RequestContext;
import io.kinesishydrator.hydrate.internal.FailureNotification.ResponseContext;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;

/**
 * Reads a stream OnFailure record from an SNS message: a Kinesis one ({@code KinesisBatchInfo}) or a DynamoDB
 * stream's ({@code DDBStreamBatchInfo}). It is strict about what hydration needs (the stream, the shard and a
 * well-formed range) and lenient about the rest: unknown fields are ignored and a context
 * field of an unexpected type reads as null, because the notification travels on unchanged anyway and a
 * batch that can be read should be read.
 */
public final class FailureNotificationParser {
    private static final JSON JSON_READER = JSON.std;

    public FailureNotification parse(String message) throws MalformedNotificationException {
        Map<String, Object> root = readObject(message);
        StreamType streamType = streamTypeOf(root);
        Object batchInfo = root.get(streamType.batchInfoField());
        if (!(batchInfo instanceof Map<?, ?> batch)) {
            throw new MalformedNotificationException(streamType.batchInfoField() + " must be a JSON object");
        }
        return new FailureNotification(requestContext(root.get("requestContext")),
                responseContext(root.get("responseContext")), text(root.get("version")), text(root.get("timestamp")),
                batchInfo(streamType, batch), message);
    }

    private static StreamType streamTypeOf(Map<String, Object> root) throws MalformedNotificationException {
        boolean kinesis = root.containsKey(StreamType.KINESIS.batchInfoField());
        boolean dynamoDb = root.containsKey(StreamType.DYNAMODB_STREAMS.batchInfoField());
        if (kinesis && dynamoDb) {
            throw new MalformedNotificationException("message has both KinesisBatchInfo and DDBStreamBatchInfo; "
                    + "an OnFailure record names one batch");
        }
        if (!kinesis && !dynamoDb) {
            throw new MalformedNotificationException("message has no KinesisBatchInfo or DDBStreamBatchInfo; "
                    + "it is not a Kinesis or DynamoDB stream OnFailure record");
        }
        return kinesis ? StreamType.KINESIS : StreamType.DYNAMODB_STREAMS;
    }

    private static Map<String, Object> readObject(String message) throws MalformedNotificationException {
        if (message == null || message.isBlank()) {
            throw new MalformedNotificationException("message is empty");
        }
        try (JsonParser json = JSON_READER.getStreamingFactory().createParser(message)) {
            Map<String, Object> root = JSON_READER.mapFrom(json);
            if (root == null) {
                throw new MalformedNotificationException("message is JSON null, not an object");
            }
            if (json.nextToken() != null) {
                throw new MalformedNotificationException("message has content after its JSON object");
            }
            return root;
        } catch (IOException notAnObject) {
            throw new MalformedNotificationException("message is not a JSON object: " + firstLine(notAnObject.getMessage()), notAnObject);
        }
    }

    private static StreamBatchInfo batchInfo(StreamType streamType, Map<?, ?> batch) throws MalformedNotificationException {
        String field = streamType.batchInfoField();
        String shardId = requiredText(field, batch, "shardId");
        String start = sequenceNumber(field, batch, "startSequenceNumber");
        String end = sequenceNumber(field, batch, "endSequenceNumber");
        if (new BigInteger(start).compareTo(new BigInteger(end)) > 0) {
            throw new MalformedNotificationException(field + " startSequenceNumber " + start + " is after endSequenceNumber " + end);
        }
        String streamArn = StreamArn.parse(requiredText(field, batch, "streamArn"), streamType).arn();
        Object batchSize = batch.get("batchSize");
        if (batchSize != null && !(batchSize instanceof Integer)) {
            throw new MalformedNotificationException(field + " batchSize must be a whole number, got " + batchSize);
        }
        return new StreamBatchInfo(streamType, shardId, start, end, text(batch.get("approximateArrivalOfFirstRecord")),
                text(batch.get("approximateArrivalOfLastRecord")), (Integer) batchSize, streamArn);
    }

    private static String sequenceNumber(String batchField, Map<?, ?> batch, String field) throws MalformedNotificationException {
        Object value = batch.get(field);
        String digits = value instanceof BigInteger || value instanceof Long || value instanceof Integer
                ? value.toString() : text(value);
        if (digits == null || digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MalformedNotificationException(batchField + " " + field + " must be a decimal sequence number, got " + value);
        }
        return digits;
    }

    private static String requiredText(String batchField, Map<?, ?> batch, String field) throws MalformedNotificationException {
        String value = text(batch.get(field));
        if (value == null || value.isBlank()) {
            throw new MalformedNotificationException(batchField + " " + field + " must be a non-empty string");
        }
        return value;
    }

    private static RequestContext requestContext(Object value) {
        if (!(value instanceof Map<?, ?> context)) {
            return null;
        }
        return new RequestContext(text(context.get("requestId")), text(context.get("functionArn")),
                text(context.get("condition")), integer(context.get("approximateInvokeCount")));
    }

    private static ResponseContext responseContext(Object value) {
        if (!(value instanceof Map<?, ?> context)) {
            return null;
        }
        return new ResponseContext(integer(context.get("statusCode")), text(context.get("executedVersion")),
                text(context.get("functionError")));
    }

    private static String text(Object value) {
        return value instanceof String text ? text : null;
    }

    private static Integer integer(Object value) {
        return value instanceof Integer number ? number : null;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
