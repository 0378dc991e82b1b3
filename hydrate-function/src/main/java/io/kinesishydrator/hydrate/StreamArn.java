package io.kinesishydrator.hydrate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Kinesis stream ARN, {@code arn:<partition>:kinesis:<region>:<account>:stream/<name>}. */
public record StreamArn(String arn, String partition, String region, String accountId, String streamName) {
    private static final Pattern FORMAT =
            Pattern.compile("arn:(aws[a-z-]*):kinesis:([a-z0-9-]+):(\\d{12}):stream/([a-zA-Z0-9_.-]{1,128})");

    public static StreamArn parse(String arn) throws MalformedNotificationException {
        Matcher parts = arn == null ? null : FORMAT.matcher(arn);
        if (parts == null || !parts.matches()) {
            throw new MalformedNotificationException("streamArn is not a Kinesis stream ARN: " + arn);
        }
        return new StreamArn(arn, parts.group(1), parts.group(2), parts.group(3), parts.group(4));
    }
}
