package io.kinesishydrator.hydrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterMessageTest {

    @Test
    void anOffloadedMessageKeepsItsAttributesAndAddsTheExtendedClientsSizeAttribute() {
        DeadLetterMessage message = new DeadLetterMessage("{\"records\":[\"é\"]}", "key", 2, 3, DeadLetterMessage.INCOMPLETE, "why");

        DeadLetterMessage offloaded = message.offloadedTo("[\"pointer\"]");

        assertThat(offloaded.body()).isEqualTo("[\"pointer\"]");
        assertThat(offloaded.attributes()).containsEntry("batchKey", Map.entry("String", "key"))
                .containsEntry("part", Map.entry("Number", "2")).containsEntry("parts", Map.entry("Number", "3"))
                .containsEntry("hydrationStatus", Map.entry("String", "INCOMPLETE"))
                .containsEntry("hydrationReason", Map.entry("String", "why"))
                .containsEntry("ExtendedPayloadSize", Map.entry("Number", Integer.toString(message.body().getBytes(StandardCharsets.UTF_8).length)));
        assertThat(message.attributes()).doesNotContainKey("ExtendedPayloadSize");
    }

    @Test
    void aReasonWithCharactersSqsRefusesIsEscaped() {
        DeadLetterMessage message = new DeadLetterMessage("{}", "key", 1, 1, DeadLetterMessage.UNPARSEABLE, "bad \u0000 byte \uFFFF");

        assertThat(message.attributes().get("hydrationReason").getValue()).isEqualTo("bad \\u0000 byte \\uFFFF");
    }
}
