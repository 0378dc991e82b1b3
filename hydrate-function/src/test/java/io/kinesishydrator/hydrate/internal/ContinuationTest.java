package io.kinesishydrator.hydrate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContinuationTest {
    private static final String NOTIFICATION = "{\"KinesisBatchInfo\":{\"shardId\":\"shardId-000000000000\",\"note\":\"é \uFFFE\"}}";

    @Test
    void travelsWithTheNotificationAsReceivedAndReadsBackTheSame() throws Exception {
        Continuation continuation = new Continuation(2, "49", 7, 1_200,
                List.of(new MissingRange("10", null, "12", null, "no longer in the stream")), List.of("a note"));

        String message = continuation.message(NOTIFICATION);
        Continuation.Received received = Continuation.read(message);

        assertThat(received.notification()).isEqualTo(NOTIFICATION);
        assertThat(received.continuation()).isEqualTo(continuation);
        assertThat(message.codePoints()).allMatch(SqsBodyText::allowed);
        assertThat(JSON.std.mapFrom(message)).containsOnlyKeys("hydrationContinuation", "notification");
    }

    @Test
    void anyOtherMessageIsANotificationOfItsOwn() {
        String malformed = "{\"hydrationContinuation\":{\"number\":\"one\"},\"notification\":\"{}\"}";

        assertThat(Continuation.read(NOTIFICATION)).isEqualTo(new Continuation.Received(NOTIFICATION, null));
        assertThat(Continuation.read(malformed)).isEqualTo(new Continuation.Received(malformed, null));
        assertThat(Continuation.read(null)).isEqualTo(new Continuation.Received(null, null));
    }
}
