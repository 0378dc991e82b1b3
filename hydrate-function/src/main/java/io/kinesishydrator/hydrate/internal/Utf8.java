package io.kinesishydrator.hydrate.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** UTF-8 facts the message size budget and the records' {@code text} field depend on. */
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
     * The bytes as text when they are well-formed UTF-8, else null: the text that gives back exactly these bytes
     * when encoded as UTF-8. The decoder reports malformed input instead of replacing it, so overlong forms,
     * encoded surrogates (CESU-8), code points past U+10FFFF and cut-off sequences are all null; a byte order
     * mark and U+0000 are ordinary characters and stay in the text. The round trip is checked as well, so a text
     * is never one that encodes to other bytes.
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
        return Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes) ? text : null;
    }
}
