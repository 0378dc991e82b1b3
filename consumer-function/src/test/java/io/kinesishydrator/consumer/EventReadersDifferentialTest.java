package io.kinesishydrator.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.kinesishydrator.testsupport.DifferentialReading;
import io.kinesishydrator.testsupport.JsonFieldKind;
import io.kinesishydrator.testsupport.JsonVariants;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Thousands of seeded variants of the events/ files, each read by a reader and by the Lambda runtime's own
 * serializers: where the runtime reads a variant the reader yields the same records, and where the runtime
 * refuses one the reader refuses it too. The reader refuses some variants the runtime reads, on purpose
 * ({@link JsonFieldKind}, {@link JsonVariants.Variant#refusedBy}): there the runtime guesses (an array for a scalar, content
 * after the event) and, for a timestamp that is an array, falls out of step and invents records.
 */
class EventReadersDifferentialTest {
    private static final int VARIANTS_PER_FILE = 1000;
    private static final Set<String> KINESIS_TEXT = Set.of("kinesisSchemaVersion", "partitionKey", "sequenceNumber", "encryptionType");
    private static final Set<String> RECORD_TEXT = Set.of("eventSource", "eventID", "invokeIdentityArn", "eventName",
            "eventVersion", "eventSourceARN", "awsRegion");
    private static final Set<String> IMAGES = Set.of("Keys", "NewImage", "OldImage");

    @ParameterizedTest
    @ValueSource(strings = {"kinesis-batch.json", "kinesis-batch-poison.json"})
    void theKinesisReaderReadsWhatTheRuntimeReadsAndRefusesTheRest(String file) throws IOException {
        PojoSerializer<KinesisEvent> runtime = LambdaEventSerializers.serializerFor(KinesisEvent.class, getClass().getClassLoader());

        List<String> mismatches = compare(file, json -> kinesisFields(runtime.fromJson(json)),
                json -> kinesisFields(KinesisEventReader.read(input(json))), EventReadersDifferentialTest::kinesisKind);

        assertThat(mismatches.size()).as(DifferentialReading.describe(mismatches)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dynamodb-stream-batch.json", "dynamodb-stream-batch-poison.json"})
    void theDynamoDbReaderReadsWhatTheRuntimeReadsAndRefusesTheRest(String file) throws IOException {
        PojoSerializer<DynamodbEvent> runtime = LambdaEventSerializers.serializerFor(DynamodbEvent.class, getClass().getClassLoader());

        List<String> mismatches = compare(file, json -> dynamoDbFields(runtime.fromJson(json)),
                json -> dynamoDbFields(DynamoDbEventReader.read(input(json))), EventReadersDifferentialTest::dynamoDbKind);

        assertThat(mismatches.size()).as(DifferentialReading.describe(mismatches)).isZero();
    }

    /** The reader owes the runtime's reading, or a refusal where the runtime or the reader's rules refuse. */
    private static List<String> compare(String file, DifferentialReading.Reader runtime, DifferentialReading.Reader reader,
                                        Function<List<Object>, JsonFieldKind> kinds) throws IOException {
        JsonVariants variants = new JsonVariants(Files.readString(Path.of("..", "events", file)), file.hashCode());
        return DifferentialReading.mismatches(variants, VARIANTS_PER_FILE, variant -> variant.refusedBy(kinds)
                ? new DifferentialReading.Refusal("the reader's rules") : DifferentialReading.readOrRefusal(runtime, variant.json()), reader);
    }

    private static Object kinesisFields(KinesisEvent event) {
        return event == null || event.getRecords() == null ? event : KinesisEventReaderTest.fields(event);
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
