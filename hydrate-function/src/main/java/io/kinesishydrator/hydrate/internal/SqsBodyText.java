package io.kinesishydrator.hydrate.internal;

/**
 * The characters an SQS message body may hold, and JSON text rewritten to hold only those. SQS allows
 * {@code #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF} (the XML character set; see the
 * SendMessage {@code MessageBody} reference,
 * <a href="https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/sqs/aws.sdk.kotlin.services.sqs.model/-send-message-request/-builder/message-body.html">SendMessageRequest.messageBody</a>,
 * the text of the SQS API's SendMessage page). Depending on the version of that page, SQS either refuses a body
 * with any other character ({@code InvalidMessageContents}) or replaces the character with U+FFFD: a lost message
 * or silently changed data, so the hydrate never sends one. Message attribute values have the same character set.
 */
public final class SqsBodyText {
    private SqsBodyText() {
    }

    static boolean allowed(int codePoint) {
        return codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD
                || codePoint >= 0x20 && codePoint <= 0xD7FF
                || codePoint >= 0xE000 && codePoint <= 0xFFFD
                || codePoint >= 0x10000 && codePoint <= 0x10FFFF;
    }

    /**
     * {@code json} with every character SQS refuses written as a {@code \}{@code uXXXX} escape: the same JSON value.
     * Outside strings valid JSON holds only structure and whitespace, all allowed, so such a character can only
     * be inside a string, where the escape means the same; a lone surrogate is escaped as its own code unit.
     */
    public static String escapeRefused(String json) {
        int first = firstRefused(json);
        if (first < 0) {
            return json;
        }
        StringBuilder escaped = new StringBuilder(json.length() + 16).append(json, 0, first);
        for (int i = first; i < json.length(); ) {
            int codePoint = json.codePointAt(i);
            int width = Character.charCount(codePoint);
            if (allowed(codePoint)) {
                escaped.append(json, i, i + width);
            } else {
                escaped.append(String.format("\\u%04X", codePoint));
            }
            i += width;
        }
        return escaped.toString();
    }

    private static int firstRefused(String text) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (!allowed(codePoint)) {
                return i;
            }
            i += Character.charCount(codePoint);
        }
        return -1;
    }
}
