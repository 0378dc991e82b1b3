package io.kinesishydrator.redrive;

import static io.kinesishydrator.testsupport.OnFailureRecords.RETRY_ATTEMPTS_EXHAUSTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.testsupport.DeadLetters;
import io.kinesishydrator.testsupport.LocalAws;
import io.kinesishydrator.testsupport.TestQueue;
import io.kinesishydrator.testsupport.TestStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A record's bytes through the queue and back into a stream, on kinesis-mock and ElasticMQ, whichever field of
 * the dead-letter message holds them: {@code text} for UTF-8, {@code data} for other bytes, or both, as messages
 * written before the hydrate chose one have them.
 */
@ExtendWith(LocalAws.Extension.class)
class RedriveRecordFormTest {
    private static final byte[] TEXT = "\uFEFF{\"note\":\"\u0000 \uFFFE\uFFFF \uD83D\uDE00 é \\\" \u0007\"}".getBytes(StandardCharsets.UTF_8);
    /** An overlong NUL, an encoded surrogate and a stray 0xff: none of it UTF-8. */
    private static final byte[] BINARY = HexFormat.of().parseHex("c080eda080ff41");

    private final LocalAws aws;
    private TestStream source;
    private TestStream target;
    private TestQueue queue;

    RedriveRecordFormTest(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void freshStreamsAndQueue() {
        source = aws.newStream(2);
        target = aws.newStream(2);
        queue = aws.newQueue();
    }

    /** Both records under one key, so they fail in one batch on one shard and reach the queue in one message. */
    private List<TestStream.Written> hydrateATextAndABinaryRecord(byte[] text) {
        List<TestStream.Written> written = source.write(List.of(new TestStream.Payload("order-1", text),
                new TestStream.Payload("order-1", BINARY)));
        assertThat(new Hydration(aws, queue, 1024 * 1024).failed(source, written, RETRY_ATTEMPTS_EXHAUSTED).dlqMessages()).isEqualTo(1);
        return written;
    }

    private CommandLineRun redriveToTarget() {
        return CommandLineRun.redrive(aws, List.of("--queue", queue.url(), "--to-stream", target.name(), "--mark", "none"));
    }

    @Test
    void aTextRecordAndABinaryRecordAreRedrivenByteForByte() {
        List<TestStream.Written> written = hydrateATextAndABinaryRecord(TEXT);
        List<Map<String, Object>> records = DeadLetters.records(queue.visibleMessages());
        assertThat(records.get(0)).containsKey("text").doesNotContainKey("data");
        assertThat(records.get(1)).containsKey("data").doesNotContainKey("text");

        CommandLineRun run = redriveToTarget();

        assertThat(run.exit()).as(run.printed()).isZero();
        assertThat(target.readAllRecords()).extracting(TestStream.Written::data).containsExactly(TEXT, BINARY);
        assertThat(Payloads.contentByShard(target.readAllRecords()).values()).containsExactlyElementsOf(
                Payloads.contentByShard(written).values());
        assertThat(queue.visibleMessages()).isEmpty();
    }

    @Test
    void aMessageWhoseRecordsHoldBothDataAndTextIsRedrivenByteForByte() throws Exception {
        byte[] text = "{\"orderId\":\"o-1\",\"total\":12.5,\"note\":\"é\"}".getBytes(StandardCharsets.UTF_8);
        hydrateATextAndABinaryRecord(text);
        queue.send(withDataBesideText(queue.drain().get(0)));

        CommandLineRun run = redriveToTarget();

        assertThat(run.exit()).as(run.printed()).isZero();
        assertThat(target.readAllRecords()).extracting(TestStream.Written::data).containsExactly(text, BINARY);
    }

    /** The message as the hydrate wrote it before it chose one field: every UTF-8 record with its base64 as well. */
    @SuppressWarnings("unchecked")
    private static String withDataBesideText(Message message) throws Exception {
        Map<String, Object> body = DeadLetters.body(message);
        for (Map<String, Object> record : (List<Map<String, Object>>) body.get("records")) {
            if (record.get("text") instanceof String text) {
                record.put("data", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
            }
        }
        String older = JSON.std.asString(body);
        assertThat(older).contains("\"text\":\"{").contains("\"data\":\"eyJ");
        return older;
    }
}
