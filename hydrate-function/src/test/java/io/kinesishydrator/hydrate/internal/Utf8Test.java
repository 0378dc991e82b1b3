package io.kinesishydrator.hydrate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

    /** The bytes, and the text as its code points in hex. */
    @ParameterizedTest
    @CsvSource({
            "'',         ''",
            "7b7d,       7B 7D",
            "efbbbf7b7d, FEFF 7B 7D",     // a byte order mark is a character of the text, kept
            "00,         0",              // U+0000 is well-formed
            "c3a9,       E9",
            "efbfbe,     FFFE",           // noncharacters are well-formed UTF-8
            "efbfbf,     FFFF",
            "f09f9880,   1F600",
            "f48fbfbf,   10FFFF"})
    void wellFormedUtf8IsTextThatEncodesToTheSameBytes(String hex, String codePoints) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        String text = codePoints.isEmpty() ? "" : Arrays.stream(codePoints.split(" "))
                .map(codePoint -> Character.toString(Integer.parseInt(codePoint, 16))).collect(Collectors.joining());

        assertThat(Utf8.decode(bytes)).isEqualTo(text);
        assertThat(Utf8.decode(bytes).getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
        assertThat(Utf8.length(text)).isEqualTo(bytes.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "c080",      // overlong NUL
            "c1bf",      // overlong ASCII
            "e080af",    // overlong '/'
            "f08080af",  // overlong in four bytes
            "eda080",    // U+D800 encoded (CESU-8 high surrogate)
            "edb080",    // U+DC00 encoded
            "eda0bdedb880", // a surrogate pair encoded as two three-byte forms
            "f4908080",  // past U+10FFFF
            "e282",      // cut off
            "80",        // a continuation byte alone
            "ff",        // never in UTF-8
            "7b22613a22fe7d"})
    void malformedUtf8IsNotText(String hex) {
        assertThat(Utf8.decode(HexFormat.of().parseHex(hex))).isNull();
    }
}
