package io.kinesishydrator.hydrate.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 facts the message size budget and the {@code text} field depend on. */
public final class Utf8 {
    private Utf8() {
    }

    /** The UTF-8 length of {@code text}, counted without encoding it. */
    public static int length(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * The bytes as text when they are valid UTF-8, else null. Also null for text holding U+FFFE or U+FFFF:
     * a JSON writer passes those through unescaped, and SQS refuses a body that contains them (control
     * characters are fine, JSON escapes them).
     */
    static String decode(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
        return text.indexOf('\uFFFE') < 0 && text.indexOf('\uFFFF') < 0 ? text : null;
    }
}
