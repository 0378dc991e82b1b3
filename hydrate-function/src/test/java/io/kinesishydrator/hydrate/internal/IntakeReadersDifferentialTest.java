package io.kinesishydrator.hydrate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.kinesishydrator.hydrate.internal.SqsEventReader.QueuedMessage;
import io.kinesishydrator.testsupport.DifferentialReading;
import io.kinesishydrator.testsupport.JsonFieldKind;
import io.kinesishydrator.testsupport.JsonVariants;
import io.kinesishydrator.testsupport.JsonVariants.Variant;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded variants of the intake events in events/, read by the intake readers and by the Lambda runtime's own
 * serializers. A reader owes the runtime's reading, with three differences it makes on purpose: it refuses what
 * {@link JsonFieldKind} says it refuses (and content after the event); a change to a field the hydrate never uses
 * leaves what it reads as it was, where the runtime may refuse the event; and a message or body that is an object
 * or an array is kept as its JSON text, where the runtime refuses it or unwraps it, so it reaches the DLQ.
 */
class IntakeReadersDifferentialTest {
    private static final int VARIANTS_PER_FILE = 400;

    @ParameterizedTest
    @ValueSource(strings = {"sns-onfailure-retries-exhausted.json", "sns-onfailure-two-records.json", "sns-onfailure-dynamodb-stream.json"})
    void theSnsReaderReadsTheMessagesTheRuntimeReads(String file) throws IOException {
        PojoSerializer<SNSEvent> runtime = LambdaEventSerializers.serializerFor(SNSEvent.class, getClass().getClassLoader());
        DifferentialReading.Reader byRuntime = json -> records(runtime.fromJson(json), SNSEvent::getRecords).stream()
                .map(record -> record == null || record.getSNS() == null ? null : record.getSNS().getMessage()).toList();

        List<String> mismatches = compare(file, byRuntime, json -> SnsEventReader.messages(input(json)),
                IntakeReadersDifferentialTest::snsKind, (messages, text) -> text, variant -> false);

        assertThat(mismatches.size()).as(DifferentialReading.describe(mismatches)).isZero();
    }

    @Test
    void theSqsReaderReadsTheMessagesTheRuntimeReads() throws IOException {
        PojoSerializer<SQSEvent> runtime = LambdaEventSerializers.serializerFor(SQSEvent.class, getClass().getClassLoader());
        DifferentialReading.Reader byRuntime = json -> records(runtime.fromJson(json), SQSEvent::getRecords).stream()
                .map(IntakeReadersDifferentialTest::queued).toList();

        List<String> mismatches = compare("sqs-onfailure-kinesis.json", byRuntime, json -> SqsEventReader.messages(input(json)),
                IntakeReadersDifferentialTest::sqsKind, (message, text) -> new QueuedMessage(((QueuedMessage) message).messageId(), text),
                variant -> false);

        assertThat(mismatches.size()).as(DifferentialReading.describe(mismatches)).isZero();
    }

    @Test
    void theS3ReaderReadsTheObjectsTheRuntimeReads() throws IOException {
        PojoSerializer<S3Event> runtime = LambdaEventSerializers.serializerFor(S3Event.class, getClass().getClassLoader());
        DifferentialReading.Reader byRuntime = json -> records(runtime.fromJson(json), S3Event::getRecords).stream()
                .map(IntakeReadersDifferentialTest::object).toList();
        // The runtime reads an absent bucket, name, object or key as empty; the reader refuses a record that names no object.
        Predicate<Variant> namesNoObject = variant -> s3Kind(variant.path()) != null && variant.path().size() > 2
                && (variant.change() == JsonVariants.Change.REMOVE_FIELD
                || variant.change() == JsonVariants.Change.SWAP && variant.replacement() == null);

        List<String> mismatches = compare("s3-onfailure-kinesis.json", byRuntime, json -> S3EventReader.objects(input(json)),
                IntakeReadersDifferentialTest::s3Kind, (object, text) -> object, namesNoObject);

        assertThat(mismatches.size()).as(DifferentialReading.describe(mismatches)).isZero();
    }

    /**
     * @param keptAsText what record {@code i} reads as when its {@link JsonFieldKind#KEPT_AS_TEXT} field holds
     *                   {@code text}, given what it read before
     * @param alsoRefused variants the reader refuses though the runtime reads them
     */
    @SuppressWarnings("unchecked")
    private static List<String> compare(String file, DifferentialReading.Reader byRuntime, DifferentialReading.Reader byReader,
                                        Function<List<Object>, JsonFieldKind> kinds,
                                        BiFunction<Object, String, Object> keptAsText, Predicate<Variant> alsoRefused)
            throws IOException {
        String original = Files.readString(Path.of("..", "events", file));
        Object originalRead = DifferentialReading.readOrRefusal(byRuntime, original);
        JsonVariants variants = new JsonVariants(original, file.hashCode());
        Function<Variant, Object> owed = variant -> {
            if (variant.refusedBy(kinds) || alsoRefused.test(variant)) {
                return new DifferentialReading.Refusal("the reader's rules");
            }
            JsonFieldKind kind = kinds.apply(variant.path());
            if (kind == null) {
                return originalRead;
            }
            if (kind == JsonFieldKind.KEPT_AS_TEXT && variant.change() == JsonVariants.Change.SWAP
                    && (variant.replacement() instanceof List<?> || variant.replacement() instanceof Map<?, ?>)) {
                List<Object> read = new ArrayList<>((List<Object>) originalRead);
                int index = (Integer) variant.path().get(1);
                read.set(index, keptAsText.apply(read.get(index), JsonVariants.write(variant.replacement(), false)));
                return read;
            }
            return DifferentialReading.readOrRefusal(byRuntime, variant.json());
        };
        return DifferentialReading.mismatches(variants, VARIANTS_PER_FILE, owed, byReader);
    }

    /** The event's records, none for no event or no records, as the readers read them. */
    private static <E, R> List<R> records(E event, Function<E, List<R>> records) {
        return event == null || records.apply(event) == null ? List.of() : records.apply(event);
    }

    private static ByteArrayInputStream input(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The runtime's message as the reader owes it: one without an id cannot be reported, so it is refused. */
    private static QueuedMessage queued(SQSEvent.SQSMessage message) {
        if (message == null || message.getMessageId() == null) {
            throw new IllegalArgumentException("a message without messageId");
        }
        return new QueuedMessage(message.getMessageId(), message.getBody());
    }

    /** The runtime's object as the reader owes it: a record that names none is refused. */
    private static S3ObjectReference object(S3EventNotificationRecord record) {
        if (record == null || record.getS3() == null || record.getS3().getBucket() == null || record.getS3().getObject() == null
                || record.getS3().getBucket().getName() == null || record.getS3().getObject().getKey() == null) {
            throw new IllegalArgumentException("a record that names no object");
        }
        return new S3ObjectReference(record.getS3().getBucket().getName(), record.getS3().getObject().getUrlDecodedKey());
    }

    private static JsonFieldKind recordsKind(List<Object> path) {
        return switch (path.size()) {
            case 0 -> JsonFieldKind.OBJECT;
            case 1 -> path.get(0).equals("Records") ? JsonFieldKind.ARRAY : null;
            default -> path.get(0).equals("Records") ? JsonFieldKind.OBJECT : null;
        };
    }

    /** {@code Records[i].Sns.Message}, the one field an SNS record is read for. */
    private static JsonFieldKind snsKind(List<Object> path) {
        if (path.size() < 3) {
            return recordsKind(path);
        }
        if (!path.get(2).equals("Sns")) {
            return null;
        }
        return path.size() == 3 ? JsonFieldKind.OBJECT
                : path.size() == 4 && path.get(3).equals("Message") ? JsonFieldKind.KEPT_AS_TEXT : null;
    }

    private static JsonFieldKind sqsKind(List<Object> path) {
        if (path.size() < 3) {
            return recordsKind(path);
        }
        if (path.size() > 3) {
            return null;
        }
        return switch (path.get(2).toString()) {
            case "messageId" -> JsonFieldKind.TEXT;
            case "body" -> JsonFieldKind.KEPT_AS_TEXT;
            default -> null;
        };
    }

    private static JsonFieldKind s3Kind(List<Object> path) {
        if (path.size() < 3) {
            return recordsKind(path);
        }
        List<Object> below = path.subList(2, path.size());
        if (!below.get(0).equals("s3")) {
            return null;
        }
        return switch (below.size()) {
            case 1 -> JsonFieldKind.OBJECT;
            case 2 -> below.get(1).equals("bucket") || below.get(1).equals("object") ? JsonFieldKind.OBJECT : null;
            case 3 -> below.equals(List.of("s3", "bucket", "name")) || below.equals(List.of("s3", "object", "key"))
                    ? JsonFieldKind.TEXT : null;
            default -> null;
        };
    }
}
