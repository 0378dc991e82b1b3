package io.kinesishydrator.pipeline;

import io.kinesishydrator.local.LocalCredentials;
import java.util.HashMap;
import java.util.Map;

/**
 * The template resources the local run plays, and the values their {@code !Ref} and {@code !GetAtt} take: the
 * local servers' once they are up ({@link #setValues}), before that stand-ins of the same form, so that a
 * template's functions are checked before anything starts. A resource the run does not play has no value: naming
 * one in a function's environment is an error.
 */
final class PlayedResources implements TemplateContext.LocalResources {
    private static final String ARN_PREFIX = ":" + LocalCredentials.REGION.id() + ":" + LocalCredentials.ACCOUNT_ID + ":";

    /** What a played resource stands for. */
    enum Kind { STREAM, TABLE, DEAD_LETTER_QUEUE, TOPIC, QUEUE, BUCKET, PAYLOAD_BUCKET }

    /** The failure topic's, queue's and bucket's name on their local servers. */
    static final String FAILURE_NAME = "kinesis-hydrator-failures";
    /** The hydrate's payload bucket's name on S3Mock, beside the failure bucket. */
    static final String PAYLOAD_NAME = "kinesis-hydrator-payloads";

    /**
     * The local servers' stream and dead-letter queue; the failure queue lives beside the latter.
     *
     * @param streamArn a Kinesis stream's ARN, or a DynamoDB table's stream's ({@code .../table/<name>/stream/<label>}),
     *                  which names the table too
     */
    record Values(String streamArn, String deadLetterQueueUrl) {
        static final Values STAND_INS = new Values("arn:aws:kinesis" + ARN_PREFIX + "stream/orders",
                "http://127.0.0.1:9324/" + LocalCredentials.ACCOUNT_ID + "/kinesis-hydrator-dlq");
        private static final String TABLE_STREAM = "/stream/";

        /** The stand-ins when the stream played is the table {@code tableName}'s. */
        static Values tableStandIns(String tableName) {
            return new Values("arn:aws:dynamodb" + ARN_PREFIX + "table/" + tableName + TABLE_STREAM + "1970-01-01T00:00:00.000",
                    STAND_INS.deadLetterQueueUrl());
        }

        String tableArn() {
            return streamArn.substring(0, streamArn.indexOf(TABLE_STREAM));
        }

        String tableName() {
            return tableArn().substring(tableArn().lastIndexOf('/') + 1);
        }

        String deadLetterQueueName() {
            return deadLetterQueueUrl.substring(deadLetterQueueUrl.lastIndexOf('/') + 1);
        }

        String queueUrl(String name) {
            return deadLetterQueueUrl.substring(0, deadLetterQueueUrl.lastIndexOf('/') + 1) + name;
        }
    }

    private final Map<String, Kind> played = new HashMap<>();
    private volatile Values values = Values.STAND_INS;

    /** Plays {@code logicalId} of {@code context} as {@code kind}; {@code requiredType}, when given, must be its Type. */
    void play(TemplateContext context, String logicalId, Kind kind, String requiredType) {
        if (requiredType != null && !requiredType.equals(context.type(logicalId))) {
            throw new IllegalArgumentException(context.template() + ": " + logicalId + " is a " + context.type(logicalId)
                    + "; the local run plays a " + requiredType + " there");
        }
        played.put(key(context, logicalId), kind);
    }

    boolean plays(TemplateContext context, String logicalId) {
        return played.containsKey(key(context, logicalId));
    }

    void setValues(Values local) {
        this.values = local;
    }

    @Override
    public Object ref(TemplateContext context, String logicalId, String where) {
        Values local = values;
        return switch (kind(context, logicalId, where)) {
            case STREAM -> local.streamArn().substring(local.streamArn().lastIndexOf('/') + 1);
            case TABLE -> local.tableName();
            case DEAD_LETTER_QUEUE -> local.deadLetterQueueUrl();
            case QUEUE -> local.queueUrl(FAILURE_NAME);
            case TOPIC -> "arn:aws:sns" + ARN_PREFIX + FAILURE_NAME;
            case BUCKET -> FAILURE_NAME;
            case PAYLOAD_BUCKET -> PAYLOAD_NAME;
        };
    }

    @Override
    public Object attribute(TemplateContext context, String logicalId, String attribute, String where) {
        Values local = values;
        Kind kind = kind(context, logicalId, where);
        String name = switch (kind) {
            case DEAD_LETTER_QUEUE -> local.deadLetterQueueName();
            case STREAM, TABLE -> "";
            case PAYLOAD_BUCKET -> PAYLOAD_NAME;
            default -> FAILURE_NAME;
        };
        Object value = switch (kind + "." + attribute) {
            case "STREAM.Arn", "TABLE.StreamArn" -> local.streamArn();
            case "TABLE.Arn" -> local.tableArn();
            case "DEAD_LETTER_QUEUE.Arn", "QUEUE.Arn" -> "arn:aws:sqs" + ARN_PREFIX + name;
            case "DEAD_LETTER_QUEUE.QueueName", "QUEUE.QueueName", "TOPIC.TopicName" -> name;
            case "DEAD_LETTER_QUEUE.QueueUrl", "QUEUE.QueueUrl" -> local.queueUrl(name);
            case "TOPIC.TopicArn" -> "arn:aws:sns" + ARN_PREFIX + name;
            case "BUCKET.Arn", "PAYLOAD_BUCKET.Arn" -> "arn:aws:s3:::" + name;
            default -> null;
        };
        if (value == null) {
            throw new IllegalArgumentException(context.template() + ": " + where + " is !GetAtt " + logicalId + "." + attribute
                    + ", an attribute the local run does not give");
        }
        return value;
    }

    private Kind kind(TemplateContext context, String logicalId, String where) {
        Kind kind = played.get(key(context, logicalId));
        if (kind == null) {
            throw new IllegalArgumentException(context.template() + ": " + where + " names " + logicalId + " ("
                    + context.type(logicalId) + "), a resource the local run does not play");
        }
        return kind;
    }

    private static String key(TemplateContext context, String logicalId) {
        return context.template().toAbsolutePath().normalize() + "#" + logicalId;
    }
}
