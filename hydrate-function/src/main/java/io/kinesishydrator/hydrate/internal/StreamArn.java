package io.kinesishydrator.hydrate.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stream's ARN: a Kinesis stream, {@code arn:<partition>:kinesis:<region>:<account>:stream/<name>}, or a
 * DynamoDB table's stream, {@code arn:<partition>:dynamodb:<region>:<account>:table/<table>/stream/<label>}.
 *
 * @param name the Kinesis stream's name, or the DynamoDB table's
 */
public record StreamArn(String arn, StreamType streamType, String partition, String region, String accountId, String name) {
    private static final Pattern KINESIS =
            Pattern.compile("arn:(aws[a-z-]*):kinesis:([a-z0-9-]+):(\\d{12}):stream/([a-zA-Z0-9_.-]{1,128})");
    private static final Pattern DYNAMODB_STREAMS =
            Pattern.compile("arn:(aws[a-z-]*):dynamodb:([a-z0-9-]+):(\\d{12}):table/([a-zA-Z0-9_.-]{3,255})/stream/(\\S+)");

    /** Parses the ARN of a stream of the given kind; any other text, or another kind's ARN, is refused. */
    public static StreamArn parse(String arn, StreamType streamType) throws MalformedNotificationException {
        Pattern format = streamType == StreamType.KINESIS ? KINESIS : DYNAMODB_STREAMS;
        Matcher parts = arn == null ? null : format.matcher(arn);
        if (parts == null || !parts.matches()) {
            throw new MalformedNotificationException("streamArn is not a "
                    + (streamType == StreamType.KINESIS ? "Kinesis stream ARN" : "DynamoDB stream ARN") + ": " + arn);
        }
        return new StreamArn(arn, streamType, parts.group(1), parts.group(2), parts.group(3), parts.group(4));
    }
}
