package io.kinesishydrator.hydrate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import org.junit.jupiter.api.Test;

class SqsBodyTextTest {

    @Test
    void allowsExactlyTheXmlCharacterSet() {
        assertThat(SqsBodyText.allowed('\t')).isTrue();
        assertThat(SqsBodyText.allowed('\n')).isTrue();
        assertThat(SqsBodyText.allowed('\r')).isTrue();
        assertThat(SqsBodyText.allowed(0x0)).isFalse();
        assertThat(SqsBodyText.allowed(0x1F)).isFalse();
        assertThat(SqsBodyText.allowed(0x20)).isTrue();
        assertThat(SqsBodyText.allowed(0xD7FF)).isTrue();
        assertThat(SqsBodyText.allowed(0xD800)).isFalse();
        assertThat(SqsBodyText.allowed(0xDFFF)).isFalse();
        assertThat(SqsBodyText.allowed(0xE000)).isTrue();
        assertThat(SqsBodyText.allowed(0xFFFD)).isTrue();
        assertThat(SqsBodyText.allowed(0xFFFE)).isFalse();
        assertThat(SqsBodyText.allowed(0xFFFF)).isFalse();
        assertThat(SqsBodyText.allowed(0x10000)).isTrue();
        assertThat(SqsBodyText.allowed(0x10FFFF)).isTrue();
    }

    @Test
    void escapesRefusedCharactersInsideStringsAndKeepsTheJsonValue() throws Exception {
        String json = "{\"a\":\"x\uFFFEy\uFFFF\",\"lone\":\"\uD800-\uDC00\",\"pair\":\"\uD83D\uDE00\",\t\"ok\":\"é\"}";

        String escaped = SqsBodyText.escapeRefused(json);

        assertThat(escaped).isEqualTo("{\"a\":\"x\\uFFFEy\\uFFFF\",\"lone\":\"\\uD800-\\uDC00\",\"pair\":\"\uD83D\uDE00\",\t\"ok\":\"é\"}");
        assertThat(escaped.codePoints()).allMatch(SqsBodyText::allowed);
        assertThat(JSON.std.mapFrom(escaped)).isEqualTo(JSON.std.mapFrom(json));
    }

    @Test
    void leavesTextWithNothingToEscapeAsItIs() {
        String json = "{\"a\":\"plain \u00e9 \uD83D\uDE00\"}";

        assertThat(SqsBodyText.escapeRefused(json)).isSameAs(json);
    }
}
