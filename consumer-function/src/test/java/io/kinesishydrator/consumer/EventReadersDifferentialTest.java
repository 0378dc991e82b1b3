package io.kinesishydrator.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
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
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Thousands of seeded variants of the events/ files, each read by a reader and by the Lambda runtime's own
 * serializers: where the runtime reads a variant the reader yields the same records, and where the runtime
 * refuses one the reader refuses it too. The reader refuses some variants the runtime reads, on purpose
 * ({@link JsonFieldKind}, {@link Variant#refusedBy}): there the runtime guesses (an array for a scalar, content
 * after the event) and, for a timestamp that is an array, falls out of step and invents records.
 */
class EventReadersDifferentialTest {
    private static final int VARIANTS_PER_FILE = 1000;
    private static final Set<String> KINESIS_TEXT = Set.of("kinesisSchemaVersion", "partitionKey", "sequenceNumber", "encryptionType");
    private static final Set<String> RECORD_TEXT = Set.of("eventSource", "eventID", "invokeIdentityArn", "eventName",
            "eventVersion", "eventSourceARN", "awsRegion");
    private static final Set<String> IMAGES = Set.of("Keys", "NewImage", "OldImage");

    @FunctionalInterface
    private interface Reader<T> {
        T read(String json) throws IOException;
    }

    @ParameterizedTest
    @ValueSource(strings = {"kinesis-batch.json", "kinesis-batch-poison.json"})
    void theKinesisReaderReadsWhatTheRuntimeReadsAndRefusesTheRest(String file) throws IOException {
        PojoSerializer<KinesisEvent> runtime = LambdaEventSerializers.serializerFor(KinesisEvent.class, getClass().getClassLoader());

        List<String> mismatches = compare(file, json -> runtime.fromJson(json),
                json -> KinesisEventReader.read(input(json)), EventReadersDifferentialTest::kinesisKind,
                event -> event == null || event.getRecords() == null ? event : KinesisEventReaderTest.fields(event));

        assertThat(mismatches.size()).as(firstOf(mismatches)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dynamodb-stream-batch.json", "dynamodb-stream-batch-poison.json"})
    void theDynamoDbReaderReadsWhatTheRuntimeReadsAndRefusesTheRest(String file) throws IOException {
        PojoSerializer<DynamodbEvent> runtime = LambdaEventSerializers.serializerFor(DynamodbEvent.class, getClass().getClassLoader());

        List<String> mismatches = compare(file, json -> runtime.fromJson(json),
                json -> DynamoDbEventReader.read(input(json)), EventReadersDifferentialTest::dynamoDbKind,
                EventReadersDifferentialTest::dynamoDbFields);

        assertThat(mismatches.size()).as(firstOf(mismatches)).isZero();
    }

    private static String firstOf(List<String> mismatches) {
        return mismatches.size() + " variants read otherwise than the runtime and the reader's rules demand; the first:\n"
                + String.join("\n", mismatches.subList(0, Math.min(3, mismatches.size())));
    }

    /** Each variant whose reading by {@code reader} differs from what the runtime and the reader's rules demand. */
    private static <T> List<String> compare(String file, Reader<T> runtime, Reader<T> reader,
                                            java.util.function.Function<List<Object>, JsonFieldKind> kinds,
                                            java.util.function.Function<T, Object> fields) throws IOException {
        JsonVariants variants = new JsonVariants(Files.readString(Path.of("..", "events", file)), file.hashCode());
        List<String> mismatches = new ArrayList<>();
        int read = 0;
        for (int i = 0; i < VARIANTS_PER_FILE; i++) {
            Variant variant = variants.next();
            Object expected = readOrRefusal(runtime, variant.json(), fields);
            Object actual = readOrRefusal(reader, variant.json(), fields);
            boolean refuses = expected instanceof Refusal || variant.refusedBy(kinds);
            if (refuses ? !(actual instanceof Refusal) : !Objects.equals(expected, actual)) {
                mismatches.add(variant + "\n  runtime: " + expected + "\n  reader:  " + actual);
            }
            read += actual instanceof Refusal ? 0 : 1;
        }
        // Half the variants or so keep the event readable; a generator that broke them all would prove nothing.
        assertThat(read).as("variants read").isBetween(VARIANTS_PER_FILE / 5, VARIANTS_PER_FILE * 4 / 5);
        return mismatches;
    }

    private record Refusal(String reason) {
    }

    private static <T> Object readOrRefusal(Reader<T> reader, String json, java.util.function.Function<T, Object> fields) {
        try {
            return fields.apply(reader.read(json));
        } catch (IOException | RuntimeException refused) {
            return new Refusal(String.valueOf(refused.getMessage()).lines().findFirst().orElse(""));
        }
    }

    private static ByteArrayInputStream input(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The records with every field, and the source ARN that the model's equals leaves out. */
    private static Object dynamoDbFields(DynamodbEvent event) {
        if (event == null || event.getRecords() == null) {
            return event;
        }
        List<Object> records = new ArrayList<>();
        for (DynamodbStreamRecord record : event.getRecords()) {
            records.add(record == null ? null : List.of(record, String.valueOf(record.getEventSourceARN())));
        }
        return records;
    }

    private static JsonFieldKind kinesisKind(List<Object> path) {
        if (path.size() < 3) {
            return recordsKind(path);
        }
        Object field = path.get(2);
        if (path.size() == 3) {
            return field.equals("kinesis") ? JsonFieldKind.OBJECT : RECORD_TEXT.contains(field) ? JsonFieldKind.TEXT : null;
        }
        if (path.size() > 4 || !field.equals("kinesis")) {
            return null;
        }
        Object kinesisField = path.get(3);
        return KINESIS_TEXT.contains(kinesisField) ? JsonFieldKind.TEXT
                : kinesisField.equals("data") ? JsonFieldKind.BINARY
                : kinesisField.equals("approximateArrivalTimestamp") ? JsonFieldKind.SECONDS : null;
    }

    private static JsonFieldKind dynamoDbKind(List<Object> path) {
        if (path.size() < 3) {
            return recordsKind(path);
        }
        Object field = path.get(2);
        List<Object> below = path.subList(3, path.size());
        return switch (field.toString()) {
            case "eventID", "eventName", "eventVersion", "eventSource", "awsRegion", "eventSourceARN" ->
                    below.isEmpty() ? JsonFieldKind.TEXT : null;
            case "userIdentity" -> below.isEmpty() ? JsonFieldKind.OBJECT
                    : below.size() == 1 && Set.of("principalId", "type").contains(below.get(0)) ? JsonFieldKind.TEXT : null;
            case "dynamodb" -> changeKind(below);
            default -> null;
        };
    }

    private static JsonFieldKind recordsKind(List<Object> path) {
        return switch (path.size()) {
            case 0 -> JsonFieldKind.OBJECT;
            case 1 -> path.get(0).equals("Records") ? JsonFieldKind.ARRAY : null;
            default -> path.get(0).equals("Records") ? JsonFieldKind.OBJECT : null;
        };
    }

    private static JsonFieldKind changeKind(List<Object> path) {
        if (path.isEmpty()) {
            return JsonFieldKind.OBJECT;
        }
        Object field = path.get(0);
        if (IMAGES.contains(field)) {
            return imageKind(path.subList(1, path.size()));
        }
        if (path.size() > 1) {
            return null;
        }
        return switch (field.toString()) {
            case "ApproximateCreationDateTime" -> JsonFieldKind.SECONDS;
            case "SequenceNumber", "StreamViewType" -> JsonFieldKind.TEXT;
            case "SizeBytes" -> JsonFieldKind.NUMBER;
            default -> null;
        };
    }

    /** An image or an {@code M}: attribute values by name. */
    private static JsonFieldKind imageKind(List<Object> path) {
        return path.isEmpty() ? JsonFieldKind.OBJECT : attributeKind(path.subList(1, path.size()));
    }

    private static JsonFieldKind attributeKind(List<Object> path) {
        if (path.isEmpty()) {
            return JsonFieldKind.OBJECT;
        }
        List<Object> below = path.subList(1, path.size());
        return switch (path.get(0).toString()) {
            case "S", "N" -> below.isEmpty() ? JsonFieldKind.TEXT : null;
            case "B" -> below.isEmpty() ? JsonFieldKind.BINARY : null;
            case "BOOL", "NULL" -> below.isEmpty() ? JsonFieldKind.BOOLEAN : null;
            case "SS", "NS" -> below.isEmpty() ? JsonFieldKind.ARRAY : below.size() == 1 ? JsonFieldKind.TEXT : null;
            case "BS" -> below.isEmpty() ? JsonFieldKind.ARRAY : below.size() == 1 ? JsonFieldKind.BINARY : null;
            case "M" -> imageKind(below);
            case "L" -> below.isEmpty() ? JsonFieldKind.ARRAY : attributeKind(below.subList(1, below.size()));
            default -> null;
        };
    }
}
