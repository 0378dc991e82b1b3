package io.kinesishydrator.hydrate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.hydrate.DeadLetterMessage;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

class DeadLetterComposerTest {
    private static final BigInteger FIRST = new BigInteger("49656816489405378913405238405437897829102938471029384756");
    private static final String NOTIFICATION = """
            {"requestContext":{"requestId":"r-1","functionArn":"arn:aws:lambda:us-east-1:123456789012:function:f","condition":"RetryAttemptsExhausted","approximateInvokeCount":4},
             "responseContext":{"statusCode":200,"executedVersion":"1","functionError":"Unhandled"},"version":"1.0","timestamp":"2025-11-26T21:03:11.502Z",
             "KinesisBatchInfo":{"shardId":"shardId-000000000000","startSequenceNumber":"%s","endSequenceNumber":"%s",
             "approximateArrivalOfFirstRecord":"2025-11-26T20:46:41.123Z","approximateArrivalOfLastRecord":"2025-11-26T20:46:42.123Z","batchSize":%d,
             "streamArn":"arn:aws:kinesis:us-east-1:123456789012:stream/orders"}}
            """;

    private static FailureNotification notification(int batchSize) throws Exception {
        return new FailureNotificationParser().parse(NOTIFICATION.formatted(
                FIRST, FIRST.add(BigInteger.valueOf(batchSize - 1)), batchSize));
    }

    private static Record record(int index, byte[] data) {
        return Record.builder()
                .sequenceNumber(FIRST.add(BigInteger.valueOf(index)).toString())
                .partitionKey("pk-" + index)
                .approximateArrivalTimestamp(Instant.parse("2025-11-26T20:46:41.123Z").plusMillis(index))
                .data(SdkBytes.fromByteArray(data))
                .build();
    }

    private static List<Record> textRecords(int count, int size) {
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[size];
            Arrays.fill(data, (byte) ('a' + i % 26));
            records.add(record(i, data));
        }
        return records;
    }

    /** The messages of {@code records}, in the order sent, as the hydrate composes them for a range read as {@code read}. */
    private static List<DeadLetterMessage> compose(int limit, FailureNotification notification, List<Record> records, RangeRead read) {
        return compose(new DeadLetterComposer(limit), notification, records, read, message -> { });
    }

    private static List<DeadLetterMessage> compose(DeadLetterComposer composer, FailureNotification notification, List<Record> records,
                                                   RangeRead read, Consumer<DeadLetterMessage> writer) {
        List<DeadLetterMessage> messages = new ArrayList<>();
        DeadLetterPacker<Record> packer = composer.packer(notification, KinesisRecordRenderer.INSTANCE, null, null,
                writer.andThen(messages::add));
        records.forEach(packer::add);
        packer.finish(read);
        return messages;
    }

    /** The messages as composed for a writer with a payload bucket, which {@code writer} plays. */
    private static List<DeadLetterMessage> offloaded(int limit, FailureNotification notification, List<Record> records,
                                                     Consumer<DeadLetterMessage> writer) {
        return compose(new DeadLetterComposer(limit, true), notification, records, complete(records), writer);
    }

    /** A payload bucket that refuses with {@code failure}, as {@link DeadLetterWriter} then refuses a message over {@code limit}. */
    private static Consumer<DeadLetterMessage> refusing(int limit, String failure) {
        return message -> {
            if (message.sizeInBytes() > limit) {
                throw new PayloadNotStoredException(failure, true, null);
            }
        };
    }

    private static List<DeadLetterMessage> compose(int limit, FailureNotification notification, List<Record> records) {
        return compose(limit, notification, records, complete(records));
    }

    private static RangeRead complete(List<Record> records) {
        return new RangeRead(records.size(), records.isEmpty() ? null : records.get(records.size() - 1).sequenceNumber(),
                List.of(), List.of(), false);
    }

    private static Map<String, Object> json(DeadLetterMessage message) throws Exception {
        return JSON.std.mapFrom(message.body());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(DeadLetterMessage message) throws Exception {
        return (List<Map<String, Object>>) json(message).get("records");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> hydration(DeadLetterMessage message) throws Exception {
        return (Map<String, Object>) json(message).get("hydration");
    }

    @Test
    void keepsTheNotificationUnchangedAndAddsTheRecords() throws Exception {
        FailureNotification notification = notification(2);
        List<DeadLetterMessage> messages = compose(1024 * 1024, notification, List.of(
                record(0, "{\"orderId\":\"o-1\"}".getBytes(StandardCharsets.UTF_8)), record(1, "two".getBytes(StandardCharsets.UTF_8))));

        assertThat(messages).hasSize(1);
        Map<String, Object> body = json(messages.get(0));
        Map<String, Object> original = JSON.std.mapFrom(notification.json());
        assertThat(body).containsAllEntriesOf(original);
        assertThat(body.keySet()).containsExactlyInAnyOrder("requestContext", "responseContext", "version", "timestamp",
                "KinesisBatchInfo", "hydration", "records");
        assertThat(hydration(messages.get(0))).containsEntry("status", "COMPLETE").containsEntry("part", 1)
                .containsEntry("parts", 1).containsEntry("recordsRead", 2).containsEntry("batchKey", notification.batchInfo().batchKey())
                .doesNotContainKey("reason");
        Map<String, Object> first = records(messages.get(0)).get(0);
        assertThat(first).containsEntry("sequenceNumber", FIRST.toString()).containsEntry("partitionKey", "pk-0")
                .containsEntry("approximateArrivalTimestamp", "2025-11-26T20:46:41.123Z")
                .containsEntry("text", "{\"orderId\":\"o-1\"}")
                .doesNotContainKey("data");
    }

    @Test
    void binaryDataHasNoTextField() throws Exception {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3};
        DeadLetterMessage message = compose(1024 * 1024, notification(1), List.of(record(0, binary))).get(0);

        Map<String, Object> record = records(message).get(0);
        assertThat(record).doesNotContainKey("text");
        assertThat(Base64.getDecoder().decode((String) record.get("data"))).isEqualTo(binary);
    }

    @Test
    void textThatSqsWouldRefuseIsEscapedAndGivesBackTheSameBytes() throws Exception {
        byte[] utf8 = "a\uFFFE\uFFFF\u0000\u0001\uFEFF\uD83D\uDE00\"\\".getBytes(StandardCharsets.UTF_8);
        DeadLetterMessage message = compose(1024 * 1024, notification(1), List.of(record(0, utf8))).get(0);

        assertThat(message.body().codePoints()).allMatch(SqsBodyText::allowed);
        assertThat(message.body()).contains("\\uFFFE\\uFFFF\\u0000\\u0001");
        Map<String, Object> record = records(message).get(0);
        assertThat(record).doesNotContainKey("data");
        assertThat(((String) record.get("text")).getBytes(StandardCharsets.UTF_8)).isEqualTo(utf8);
    }

    @Test
    void splitsALargeRangeIntoNumberedPartsUnderTheLimitInOrderTheLastCarryingTheOutcome() throws Exception {
        int limit = 64 * 1024;
        List<Record> read = textRecords(40, 5_000);
        List<DeadLetterMessage> messages = compose(limit, notification(40), read);

        assertThat(messages.size()).isGreaterThan(1);
        List<Object> sequenceNumbers = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            DeadLetterMessage message = messages.get(i);
            assertThat(message.sizeInBytes()).isLessThanOrEqualTo(limit);
            assertThat(message.part()).isEqualTo(i + 1);
            assertThat(hydration(message)).containsEntry("part", i + 1);
            if (i < messages.size() - 1) {
                assertThat(message.parts()).isNull();
                assertThat(message.status()).isEqualTo(DeadLetterMessage.PARTIAL);
                assertThat(message.attributes()).doesNotContainKey("parts");
                assertThat(hydration(message)).doesNotContainKey("parts").containsEntry("status", "PARTIAL")
                        .doesNotContainKey("recordsRead");
            } else {
                assertThat(message.parts()).isEqualTo(messages.size());
                assertThat(message.attributes()).containsEntry("parts", Map.entry("Number", Integer.toString(messages.size())));
                assertThat(hydration(message)).containsEntry("parts", messages.size()).containsEntry("status", "COMPLETE")
                        .containsEntry("recordsRead", 40);
            }
            records(message).forEach(record -> sequenceNumbers.add(record.get("sequenceNumber")));
        }
        assertThat(sequenceNumbers).containsExactlyElementsOf(read.stream().map(Record::sequenceNumber).toList());
        assertThat(messages).extracting(DeadLetterMessage::batchKey).containsOnly(messages.get(0).batchKey());
        assertThat(messages).extracting(DeadLetterMessage::deduplicationId).doesNotHaveDuplicates();
    }

    @Test
    void aContinuationSendsTheSamePartsAsOneUninterruptedRun() throws Exception {
        int limit = 64 * 1024;
        FailureNotification notification = notification(40);
        List<Record> read = textRecords(40, 5_000);
        List<DeadLetterMessage> whole = compose(limit, notification, read);

        List<DeadLetterMessage> firstRun = new ArrayList<>();
        DeadLetterPacker<Record> cut = new DeadLetterComposer(limit).packer(notification, KinesisRecordRenderer.INSTANCE, null, null,
                firstRun::add);
        read.subList(0, 25).forEach(cut::add);
        RangeRead outOfTime = new RangeRead(25, read.get(24).sequenceNumber(), List.of(
                MissingRange.afterThrough(read.get(24).sequenceNumber(), "999", RangeCollector.OUT_OF_TIME)), List.of(), true);
        Continuation continuation = cut.continuation(outOfTime).orElseThrow();

        int after = read.stream().map(Record::sequenceNumber).toList().indexOf(continuation.afterSequenceNumber());
        assertThat(continuation.nextPart()).isEqualTo(firstRun.size() + 1);
        assertThat(continuation.recordsSent()).isEqualTo(after + 1).isEqualTo(cut.recordsSent());
        assertThat(continuation.missing()).isEmpty();
        List<DeadLetterMessage> secondRun = new ArrayList<>();
        DeadLetterPacker<Record> rest = new DeadLetterComposer(limit).packer(notification, KinesisRecordRenderer.INSTANCE, null,
                continuation, secondRun::add);
        read.subList(after + 1, 40).forEach(rest::add);
        rest.finish(complete(read));

        List<DeadLetterMessage> both = new ArrayList<>(firstRun);
        both.addAll(secondRun);
        assertThat(both).isEqualTo(whole);
    }

    @Test
    void noContinuationBeforeAMessageIsSent() throws Exception {
        DeadLetterPacker<Record> packer = new DeadLetterComposer(1024 * 1024).packer(notification(3), KinesisRecordRenderer.INSTANCE,
                null, null, message -> { });
        textRecords(2, 10).forEach(packer::add);

        assertThat(packer.continuation(new RangeRead(2, "x", List.of(), List.of(), true))).isEmpty();
        assertThat(packer.messagesSent()).isZero();
    }

    @Test
    void anOutcomeThatDoesNotFitBesideTheRecordsComesInALastMessageOfItsOwn() throws Exception {
        int limit = 16 * 1024;
        FailureNotification notification = notification(3);
        List<Record> read = textRecords(1, 1);
        String longReason = "r".repeat(1_000);
        List<MissingRange> missing = List.of(MissingRange.afterThrough(read.get(0).sequenceNumber(), "9", longReason),
                MissingRange.afterThrough(read.get(0).sequenceNumber(), "9", longReason),
                MissingRange.afterThrough(read.get(0).sequenceNumber(), "9", longReason));
        byte[] filler = new byte[limit - 4_000];
        Arrays.fill(filler, (byte) 'f');
        List<Record> records = List.of(record(0, filler));

        List<DeadLetterMessage> messages = compose(limit, notification, records,
                new RangeRead(1, records.get(0).sequenceNumber(), missing, List.of(), false));

        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).status()).isEqualTo(DeadLetterMessage.PARTIAL);
        assertThat(records(messages.get(0))).hasSize(1);
        assertThat(messages.get(1).parts()).isEqualTo(2);
        assertThat(records(messages.get(1))).isEmpty();
        assertThat(hydration(messages.get(1))).containsEntry("status", "INCOMPLETE").containsEntry("recordsRead", 1);
        assertThat(messages).allSatisfy(message -> assertThat(message.sizeInBytes()).isLessThanOrEqualTo(limit));
    }

    @Test
    void aTextRecordWhoseEscapedTextDoesNotFitButWhoseBase64DoesIsSentAsData() throws Exception {
        int limit = 16 * 1024;
        byte[] controls = new byte[4_000];
        Arrays.fill(controls, (byte) 1); // UTF-8, but six bytes each as JSON (\u0001) against under two in base64
        DeadLetterMessage message = compose(limit, notification(1), List.of(record(0, controls))).get(0);

        Map<String, Object> record = records(message).get(0);
        assertThat(record).doesNotContainKey("text").doesNotContainKey("truncated");
        assertThat(Base64.getDecoder().decode((String) record.get("data"))).isEqualTo(controls);
        assertThat(message.sizeInBytes()).isLessThanOrEqualTo(limit);
    }

    @Test
    void aRecordLargerThanAMessageIsSentAsItsDigest() throws Exception {
        int limit = 32 * 1024;
        List<Record> read = new ArrayList<>(textRecords(3, 100));
        byte[] huge = new byte[40_000];
        Arrays.fill(huge, (byte) 'z');
        read.set(1, record(1, huge));

        List<DeadLetterMessage> messages = compose(limit, notification(3), read);

        List<Map<String, Object>> records = records(messages.get(0));
        assertThat(records).hasSize(3);
        assertThat(records.get(1)).containsEntry("truncated", true).containsEntry("dataBytes", 40_000)
                .containsEntry("dataSha256", Sha256.hex(huge))
                .containsEntry("sequenceNumber", read.get(1).sequenceNumber())
                .doesNotContainKey("data");
        assertThat(messages.get(0).status()).isEqualTo(DeadLetterMessage.COMPLETE);
        assertThat(json(messages.get(0)).get("hydration").toString()).contains("1 record(s)", "PAYLOAD_BUCKET");
    }

    @Test
    void anOversizedRecordIsAPartOfItsOwnKeptWholeForThePayloadBucket() throws Exception {
        int limit = 32 * 1024;
        List<Record> read = new ArrayList<>(textRecords(3, 100));
        byte[] huge = new byte[40_000];
        Arrays.fill(huge, (byte) 'z');
        read.set(1, record(1, huge));

        List<DeadLetterMessage> messages = offloaded(limit, notification(3), read, message -> { });

        assertThat(messages).extracting(DeadLetterMessage::part).containsExactly(1, 2, 3);
        assertThat(messages.get(1).sizeInBytes()).isGreaterThan(limit);
        assertThat(messages.get(1).status()).isEqualTo(DeadLetterMessage.PARTIAL);
        assertThat(records(messages.get(1))).singleElement().satisfies(record -> assertThat(record)
                .containsEntry("text", "z".repeat(40_000)).doesNotContainKey("truncated"));
        assertThat(messages.get(2).status()).isEqualTo(DeadLetterMessage.COMPLETE);
    }

    @Test
    void anOversizedLastRecordGoesWithTheOutcomeOrTruncatedWithItsFailure() throws Exception {
        int limit = 32 * 1024;
        byte[] huge = new byte[40_000];
        Arrays.fill(huge, (byte) 'z');
        List<Record> read = List.of(record(0, huge));

        List<DeadLetterMessage> offloaded = offloaded(limit, notification(1), read, message -> { });
        List<DeadLetterMessage> refused = offloaded(limit, notification(1), read,
                refusing(limit, "the payload bucket b did not take it: access denied"));

        assertThat(offloaded).singleElement().satisfies(message -> {
            assertThat(message.sizeInBytes()).isGreaterThan(limit);
            assertThat(message.status()).isEqualTo(DeadLetterMessage.COMPLETE);
            assertThat(message.parts()).isEqualTo(1);
        });
        assertThat(refused).singleElement().satisfies(message -> {
            assertThat(message.status()).isEqualTo(DeadLetterMessage.INCOMPLETE);
            assertThat(message.parts()).isEqualTo(1);
            assertThat(message.reason()).contains("access denied");
            assertThat(records(message)).singleElement().satisfies(record -> assertThat(record).containsEntry("truncated", true));
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRecordTheBucketRefusesIsTruncatedInTheSamePartAndMissingFromTheOutcome() throws Exception {
        int limit = 32 * 1024;
        List<Record> read = new ArrayList<>(textRecords(3, 100));
        byte[] huge = new byte[40_000];
        Arrays.fill(huge, (byte) 'z');
        read.set(1, record(1, huge));
        String hugeSequenceNumber = read.get(1).sequenceNumber();

        List<DeadLetterMessage> offloaded = offloaded(limit, notification(3), read, message -> { });
        List<DeadLetterMessage> refused = offloaded(limit, notification(3), read,
                refusing(limit, "the payload bucket b did not take it: access denied"));

        assertThat(refused).extracting(DeadLetterMessage::part).containsExactly(1, 2, 3);
        assertThat(refused.get(0)).isEqualTo(offloaded.get(0));
        assertThat(records(refused.get(1))).singleElement().satisfies(record -> assertThat(record)
                .containsEntry("truncated", true).containsEntry("dataBytes", 40_000)
                .containsEntry("sequenceNumber", hugeSequenceNumber));
        assertThat(records(refused.get(2))).isEqualTo(records(offloaded.get(2)));
        DeadLetterMessage last = refused.get(2);
        assertThat(last.status()).isEqualTo(DeadLetterMessage.INCOMPLETE);
        assertThat(last.reason()).contains("the payload bucket b did not take it: access denied");
        List<Map<String, Object>> missing = (List<Map<String, Object>>) ((Map<String, Object>) json(last).get("hydration")).get("missing");
        assertThat(missing).singleElement().satisfies(range -> assertThat(range)
                .containsEntry("from", hugeSequenceNumber).containsEntry("through", hugeSequenceNumber));
    }

    @Test
    void anIncompleteReadSaysWhyAndWhereItStopped() throws Exception {
        List<Record> read = textRecords(2, 10);
        List<DeadLetterMessage> messages = compose(1024 * 1024, notification(5), read,
                new RangeRead(2, read.get(1).sequenceNumber(), List.of(MissingRange.afterThrough(read.get(1).sequenceNumber(), "999999",
                        "the Lambda ran out of time")), List.of("a note"), false));

        DeadLetterMessage message = messages.get(0);
        assertThat(message.status()).isEqualTo(DeadLetterMessage.INCOMPLETE);
        assertThat(message.attributes()).containsEntry("hydrationReason", Map.entry("String", "the Lambda ran out of time"));
        assertThat(hydration(message)).containsEntry("status", "INCOMPLETE")
                .containsEntry("reason", "the Lambda ran out of time")
                .containsEntry("lastSequenceNumberRead", read.get(1).sequenceNumber())
                .containsEntry("missing", List.of(Map.of("after", read.get(1).sequenceNumber(), "through", "999999",
                        "reason", "the Lambda ran out of time")))
                .containsEntry("notes", List.of("a note"));
    }

    @Test
    void anEmptyReadStillMakesOneMessage() throws Exception {
        List<DeadLetterMessage> messages = compose(1024 * 1024, notification(3), List.of(),
                new RangeRead(0, null, List.of(MissingRange.fromThrough("1", "3", "ResourceNotFoundException")), List.of(), false));

        assertThat(messages).hasSize(1);
        assertThat(records(messages.get(0))).isEmpty();
    }

    @Test
    void anUnparseableJsonNotificationTravelsAsReceived() {
        DeadLetterComposer composer = new DeadLetterComposer(1024 * 1024);
        DeadLetterMessage message = composer.unparseable("{\"Type\":\"not an OnFailure record\"}", "no KinesisBatchInfo");

        assertThat(message.body()).isEqualTo("{\"Type\":\"not an OnFailure record\"}");
        assertThat(message.status()).isEqualTo(DeadLetterMessage.UNPARSEABLE);
        assertThat(message.attributes()).containsEntry("hydrationReason", Map.entry("String", "no KinesisBatchInfo"));
        assertThat(composer.unparseable("{\"Type\":\"not an OnFailure record\"}", "other").batchKey()).isEqualTo(message.batchKey());
    }

    @Test
    void anUnparseableTextThatIsNotJsonTravelsInBase64() throws Exception {
        String raw = "not json \uFFFF\u0007 é";
        DeadLetterMessage message = new DeadLetterComposer(1024 * 1024).unparseable(raw, "message is not a JSON object");

        assertThat(message.body().codePoints()).allMatch(SqsBodyText::allowed);
        assertThat(json(message)).containsOnlyKeys("unparseableBase64");
        assertThat(Base64.getDecoder().decode((String) json(message).get("unparseableBase64")))
                .isEqualTo(raw.getBytes(StandardCharsets.UTF_8));
        assertThat(message.attributes()).containsEntry("hydrationReason", Map.entry("String", "message is not a JSON object"));
    }

    @Test
    void anUnparseableJsonNotificationHoldingCharactersSqsRefusesHasThemEscaped() throws Exception {
        String raw = "{\"Type\":\"x\uFFFE\uD800\"}";
        DeadLetterMessage message = new DeadLetterComposer(1024 * 1024).unparseable(raw, "no KinesisBatchInfo");

        assertThat(message.body()).isEqualTo("{\"Type\":\"x\\uFFFE\\uD800\"}");
        assertThat(json(message)).isEqualTo(JSON.std.mapFrom(raw));
    }

    @Test
    void aNotificationHoldingCharactersSqsRefusesKeepsItsValueWithThemEscaped() throws Exception {
        String raw = NOTIFICATION.formatted(FIRST, FIRST, 1).replace("\"functionError\":\"Unhandled\"",
                "\"functionError\":\"Unhandled \uFFFF\uFFFE \uD800\"");
        FailureNotification notification = new FailureNotificationParser().parse(raw);

        DeadLetterMessage message = compose(1024 * 1024, notification, List.of(record(0, new byte[] {1}))).get(0);

        assertThat(message.body().codePoints()).allMatch(SqsBodyText::allowed);
        assertThat(json(message)).containsAllEntriesOf(JSON.std.mapFrom(raw));
    }

    @Test
    void aDeadLetterMessagePublishedAgainKeepsItsEarlierHydrationUnderNewNames() throws Exception {
        DeadLetterMessage first = compose(1024 * 1024, notification(1), List.of(record(0, "first".getBytes(StandardCharsets.UTF_8)))).get(0);
        DeadLetterMessage second = compose(1024 * 1024, new FailureNotificationParser().parse(first.body()),
                List.of(record(0, "second".getBytes(StandardCharsets.UTF_8)))).get(0);
        DeadLetterMessage third = compose(1024 * 1024, new FailureNotificationParser().parse(second.body()),
                List.of(record(0, "third".getBytes(StandardCharsets.UTF_8)))).get(0);

        Map<String, Object> body = json(third);
        assertThat(body).containsKeys("hydration", "records", "previousHydration", "previousRecords",
                "previousPreviousHydration", "previousPreviousRecords");
        assertThat(records(third)).extracting(record -> record.get("text")).containsExactly("third");
        assertThat(body.get("previousRecords")).isEqualTo(List.of(records(second).get(0)));
        assertThat(body.get("previousPreviousRecords")).isEqualTo(List.of(records(first).get(0)));
        assertThat(body.get("previousHydration")).isEqualTo(hydration(second));
        assertThat(fieldNameCount(third.body(), "\"hydration\":")).isEqualTo(1);
        assertThat(fieldNameCount(third.body(), "\"records\":")).isEqualTo(1);
    }

    @Test
    void anEarlierHydrationFieldWrittenWithEscapesIsRenamedToo() throws Exception {
        String raw = NOTIFICATION.formatted(FIRST, FIRST, 1).strip();
        raw = raw.substring(0, raw.length() - 1) + ",\"hydr\\u0061tion\":{\"part\":1},\"records\" : []}";

        DeadLetterMessage message = compose(1024 * 1024, new FailureNotificationParser().parse(raw), List.of(record(0, new byte[] {1})))
                .get(0);

        assertThat(json(message)).containsEntry("previousHydration", Map.of("part", 1)).containsEntry("previousRecords", List.of());
        assertThat(fieldNameCount(message.body(), "\"hydration\":")).isEqualTo(1);
    }

    private static int fieldNameCount(String body, String quotedName) {
        return body.split(java.util.regex.Pattern.quote(quotedName), -1).length - 1;
    }
}
