package io.kinesishydrator.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kinesishydrator.hydrate.DeadLetterMessage;
import io.kinesishydrator.hydrate.internal.DeadLetterComposer;
import io.kinesishydrator.hydrate.internal.DeadLetterPacker;
import io.kinesishydrator.hydrate.internal.FailureNotification;
import io.kinesishydrator.hydrate.internal.FailureNotificationParser;
import io.kinesishydrator.hydrate.internal.KinesisRecordRenderer;
import io.kinesishydrator.hydrate.internal.MissingRange;
import io.kinesishydrator.hydrate.internal.RangeRead;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

/** Messages written by the hydrate's own composer, read back. */
class DeadLetterParserTest {
    private static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/orders";
    private static final BigInteger FIRST = new BigInteger("49650000000000000000000000000000000000000000000000000000");
    private static final int SMALL_MESSAGES = 16 * 1024;

    private final DeadLetterParser parser = new DeadLetterParser();

    private static Record record(int offset, String partitionKey, byte[] data) {
        return Record.builder().sequenceNumber(FIRST.add(BigInteger.valueOf(offset)).toString()).partitionKey(partitionKey)
                .data(SdkBytes.fromByteArray(data)).approximateArrivalTimestamp(Instant.parse("2025-11-26T20:46:41.123Z"))
                .encryptionType("KMS").build();
    }

    private static FailureNotification notification(List<Record> records, String condition) throws Exception {
        return new FailureNotificationParser().parse("""
                {"requestContext":{"requestId":"r-1","functionArn":"arn:aws:lambda:us-east-1:123456789012:function:consumer",\
                "condition":"%s","approximateInvokeCount":4},"version":"1.0","timestamp":"2025-11-26T21:03:11.502Z",\
                "KinesisBatchInfo":{"shardId":"shardId-000000000001","startSequenceNumber":"%s","endSequenceNumber":"%s",\
                "batchSize":%d,"streamArn":"%s"}}""".formatted(condition, records.get(0).sequenceNumber(),
                records.get(records.size() - 1).sequenceNumber(), records.size(), STREAM_ARN));
    }

    /** The messages the hydrate sends for {@code records}, a range read as {@code read}. */
    private static List<DeadLetterMessage> compose(List<Record> records, String condition, RangeRead read) throws Exception {
        List<DeadLetterMessage> messages = new ArrayList<>();
        DeadLetterPacker<Record> packer = new DeadLetterComposer(SMALL_MESSAGES).packer(notification(records, condition),
                KinesisRecordRenderer.INSTANCE, null, null, messages::add);
        records.forEach(packer::add);
        packer.finish(read);
        return messages;
    }

    private static RangeRead complete(List<Record> records) {
        return new RangeRead(records.size(), records.get(records.size() - 1).sequenceNumber(), List.of(), List.of(), false);
    }

    private List<DeadLetter> composeAndParse(List<Record> records, RangeRead read) throws Exception {
        List<DeadLetter> letters = new ArrayList<>();
        for (DeadLetterMessage message : compose(records, "RecordAgeExceeded", read)) {
            letters.add(parser.parse(message.body()));
        }
        return letters;
    }

    @Test
    void readsEveryPartOfASplitBatchAsTheHydrateWroteIt() throws Exception {
        List<Record> records = IntStream.range(0, 40)
                .mapToObj(i -> record(i, "c-" + i % 7, (i % 5 == 0 ? new byte[] {0, (byte) 0xff, (byte) i} : ("{\"n\":" + i + ",\"pad\":\""
                        + "x".repeat(900) + "\"}").getBytes(StandardCharsets.UTF_8))))
                .toList();

        List<DeadLetter> letters = composeAndParse(records, complete(records));

        assertThat(letters).hasSizeGreaterThan(1);
        assertThat(letters).allSatisfy(letter -> {
            assertThat(letter.streamArn()).isEqualTo(STREAM_ARN);
            assertThat(letter.shardId()).isEqualTo("shardId-000000000001");
            assertThat(letter.startSequenceNumber()).isEqualTo(records.get(0).sequenceNumber());
            assertThat(letter.endSequenceNumber()).isEqualTo(records.get(39).sequenceNumber());
            assertThat(letter.condition()).isEqualTo("RecordAgeExceeded");
        });
        DeadLetter last = letters.get(letters.size() - 1);
        assertThat(last.status()).isEqualTo("COMPLETE");
        assertThat(last.parts()).isEqualTo(letters.size());
        assertThat(letters.subList(0, letters.size() - 1)).allSatisfy(letter -> {
            assertThat(letter.status()).isEqualTo("PARTIAL");
            assertThat(letter.parts()).isNull();
        });
        assertThat(letters).extracting(DeadLetter::part).containsExactlyElementsOf(IntStream.rangeClosed(1, letters.size()).boxed().toList());
        List<DeadLetterRecord> read = letters.stream().flatMap(letter -> letter.records().stream()).toList();
        assertThat(read).extracting(DeadLetterRecord::sequenceNumber).containsExactlyElementsOf(records.stream().map(Record::sequenceNumber).toList());
        assertThat(read).extracting(DeadLetterRecord::partitionKey).containsExactlyElementsOf(records.stream().map(Record::partitionKey).toList());
        assertThat(read).extracting(DeadLetterRecord::data).containsExactlyElementsOf(records.stream().map(Record::data).toList());
        assertThat(read).allSatisfy(record -> {
            assertThat(record.truncated()).isFalse();
            assertThat(record.subSequenceNumber()).isNull();
            assertThat(record.explicitHashKey()).isNull();
        });
    }

    @Test
    void readsKplUserRecordsWithTheirOwnKeys() throws Exception {
        byte[] aggregate = Base64.getMimeDecoder().decode(Files.readString(
                Path.of("..", "hydrate-function", "src", "test", "resources", "kpl", "three-records.b64")));
        List<Record> records = List.of(record(0, "aggregate-key", aggregate));

        DeadLetter letter = composeAndParse(records, complete(records)).get(0);

        assertThat(letter.records()).extracting(DeadLetterRecord::position).containsExactly(
                records.get(0).sequenceNumber() + "/0", records.get(0).sequenceNumber() + "/1", records.get(0).sequenceNumber() + "/2");
        assertThat(letter.records()).extracting(DeadLetterRecord::partitionKey).containsExactly("order-1", "order-2", "order-3");
        assertThat(letter.records()).extracting(DeadLetterRecord::explicitHashKey)
                .containsExactly("170141183460469231731687303715884105728", null, null);
        assertThat(letter.records().get(1).data().asByteArray()).isEqualTo(HexFormat.of().parseHex("00fffe80c3280a"));
        assertThat(letter.records().get(2).data().asByteArray()).isEmpty();
    }

    @Test
    void readsATruncatedRecordAsOneWithoutData() throws Exception {
        List<Record> records = List.of(record(0, "small", "a".getBytes(StandardCharsets.UTF_8)), record(1, "big", new byte[40_000]));

        List<DeadLetterRecord> read = composeAndParse(records, complete(records)).stream()
                .flatMap(letter -> letter.records().stream()).toList();

        assertThat(read.get(0).truncated()).isFalse();
        assertThat(read.get(1).truncated()).isTrue();
        assertThat(read.get(1).data()).isNull();
        assertThat(read.get(1).dataBytes()).isEqualTo(40_000L);
        assertThat(read.get(1).dataSha256()).hasSize(64);
    }

    @Test
    void anIncompleteBatchKeepsItsReason() throws Exception {
        List<Record> records = List.of(record(0, "k", new byte[] {1}));
        RangeRead read = new RangeRead(1, records.get(0).sequenceNumber(), List.of(new MissingRange(null, records.get(0).sequenceNumber(),
                null, FIRST.add(BigInteger.TEN).toString(), "the shard was closed by resharding")), List.of(), false);

        DeadLetter letter = composeAndParse(records, read).get(0);

        assertThat(letter.status()).isEqualTo(DeadLetter.INCOMPLETE);
        assertThat(letter.reason()).isEqualTo("the shard was closed by resharding");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "this is not json                                                   | the body is not a JSON object",
            "[1, 2]                                                             | the body is not a JSON object",
            "{\"Records\": []}                                                  | no KinesisBatchInfo",
            "{\"requestContext\": {}, \"requestPayload\": {\"Records\": []}}    | a Lambda failure record of the hydrate itself",
            "{\"DDBStreamBatchInfo\": {}, \"hydration\": {}, \"records\": []}  | a hydrated DynamoDB stream batch",
            "{\"KinesisBatchInfo\": {}}                                         | no hydration: the hydrate did not hydrate this message",
            "{\"KinesisBatchInfo\": {}, \"hydration\": {}, \"records\": {}}     | records must be an array"})
    void aMessageNotInTheSchemaSaysWhatIsOff(String body, String reason) {
        assertThatThrownBy(() -> parser.parse(body)).isInstanceOf(NotADeadLetterException.class).hasMessageContaining(reason);
    }

    @Test
    void aRecordWithoutWhatARedriveNeedsIsNotGuessedAt() throws Exception {
        List<Record> records = List.of(record(0, "k", new byte[] {(byte) 0xff}));
        String body = compose(records, "RetryAttemptsExhausted", complete(records)).get(0).body();

        assertThatThrownBy(() -> parser.parse(body.replace("\"partitionKey\":\"k\",", "")))
                .isInstanceOf(NotADeadLetterException.class).hasMessage("records[0].partitionKey must be a non-empty string");
        assertThatThrownBy(() -> parser.parse(body.replace("\"data\":\"/w==\"", "\"data\":\"not base64!\"")))
                .isInstanceOf(NotADeadLetterException.class).hasMessageStartingWith("records[0].data is not base64");
        assertThatThrownBy(() -> parser.parse(body.replace(",\"data\":\"/w==\"", "")))
                .isInstanceOf(NotADeadLetterException.class).hasMessage("records[0] has neither data nor text, and is not truncated");
        assertThatThrownBy(() -> parser.parse(body.replace("\"data\":\"/w==\"", "\"text\":\"a\\ud800\"")))
                .isInstanceOf(NotADeadLetterException.class).hasMessageStartingWith("records[0].text holds a lone surrogate");
        assertThatThrownBy(() -> parser.parse(body.replace(STREAM_ARN, "orders")))
                .isInstanceOf(NotADeadLetterException.class).hasMessage("KinesisBatchInfo.streamArn is not a Kinesis stream ARN: orders");
    }

    @Test
    void readsTheBytesOfATextRecordAndOfABinaryRecordExactly() throws Exception {
        byte[] text = "{\"note\":\"\uFEFF\u0000\uFFFE\uFFFF\uD83D\uDE00 é \\\" \u0007\"}".getBytes(StandardCharsets.UTF_8);
        byte[] binary = {(byte) 0xc0, (byte) 0x80, (byte) 0xed, (byte) 0xa0, (byte) 0x80, 0x41};
        List<Record> records = List.of(record(0, "t", text), record(1, "b", binary));

        String body = compose(records, "RetryAttemptsExhausted", complete(records)).get(0).body();
        List<DeadLetterRecord> read = parser.parse(body).records();

        assertThat(body).contains("\"text\":").contains("\"data\":");
        assertThat(read.get(0).data().asByteArray()).isEqualTo(text);
        assertThat(read.get(1).data().asByteArray()).isEqualTo(binary);
    }

    @Test
    void aRecordWithBothDataAndTextAsOlderMessagesHaveIsReadFromData() throws Exception {
        List<Record> records = List.of(record(0, "k", new byte[] {(byte) 0xff}));
        String body = compose(records, "RetryAttemptsExhausted", complete(records)).get(0).body();
        // Older messages held both fields with the same bytes; a text that differs shows which one is read.
        String olderForm = body.replace("\"data\":\"/w==\"", "\"data\":\"/w==\",\"text\":\"not the bytes\"");

        assertThat(olderForm).contains("\"text\":\"not the bytes\"");
        assertThat(parser.parse(olderForm).records().get(0).data().asByteArray()).isEqualTo(new byte[] {(byte) 0xff});
    }
}
