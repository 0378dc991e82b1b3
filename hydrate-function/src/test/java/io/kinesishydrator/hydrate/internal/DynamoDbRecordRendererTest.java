package io.kinesishydrator.hydrate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class DynamoDbRecordRendererTest {
    private static final DynamoDbRecordRenderer RENDERER = DynamoDbRecordRenderer.INSTANCE;
    private static final String BIG_NUMBER = "12345678901234567890123456789.123456789";

    private static Map<String, AttributeValue> everyType() {
        return Map.of(
                "id", AttributeValue.fromS("order-1"),
                "total", AttributeValue.fromN(BIG_NUMBER),
                "blob", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xff})),
                "paid", AttributeValue.fromBool(true),
                "note", AttributeValue.fromNul(true),
                "tags", AttributeValue.fromSs(List.of("a", "b")),
                "sizes", AttributeValue.fromNs(List.of("1", "2.5")),
                "blobs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {7}))),
                "address", AttributeValue.fromM(Map.of("city", AttributeValue.fromS("Lyon"))),
                "lines", AttributeValue.fromL(List.of(AttributeValue.fromN("3"), AttributeValue.fromS("x"))));
    }

    private static Record modify(Map<String, AttributeValue> newImage, Map<String, AttributeValue> oldImage) {
        return Record.builder()
                .eventID("e-1").eventName(OperationType.MODIFY).eventVersion("1.1").awsRegion("eu-west-1")
                .dynamodb(change -> change
                        .sequenceNumber("000000000000000000042")
                        .approximateCreationDateTime(Instant.parse("2025-11-26T20:47:01Z"))
                        .keys(Map.of("id", AttributeValue.fromS("order-1")))
                        .newImage(newImage).oldImage(oldImage)
                        .sizeBytes(123L)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                .build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> parent, String field) {
        return (Map<String, Object>) parent.get(field);
    }

    private static Map<String, Object> parse(String json) throws Exception {
        return JSON.std.with(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS).mapFrom(json);
    }

    @Test
    void writesEveryAttributeTypeAsPlainJsonAndAsDynamoDbJson() throws Exception {
        List<String> rendered = RENDERER.render(modify(everyType(), Map.of("id", AttributeValue.fromS("order-1"))), 1 << 20);

        assertThat(rendered).hasSize(1);
        Map<String, Object> record = parse(rendered.get(0));
        assertThat(record).containsEntry("sequenceNumber", "000000000000000000042").containsEntry("eventName", "MODIFY")
                .containsEntry("eventID", "e-1").containsEntry("approximateCreationDateTime", "2025-11-26T20:47:01Z")
                .containsEntry("sizeBytes", 123).containsEntry("streamViewType", "NEW_AND_OLD_IMAGES")
                .containsEntry("keys", Map.of("id", "order-1")).doesNotContainKey("truncated");
        Map<String, Object> plain = object(record, "newImage");
        assertThat(plain.get("total").toString()).isEqualTo(BIG_NUMBER);
        assertThat(plain).containsEntry("id", "order-1").containsEntry("blob", "AAH/").containsEntry("paid", true)
                .containsEntry("note", null).containsEntry("tags", List.of("a", "b")).containsEntry("blobs", List.of("Bw=="))
                .containsEntry("address", Map.of("city", "Lyon"));
        assertThat(plain.get("sizes").toString()).isEqualTo("[1, 2.5]");
        assertThat(plain.get("lines").toString()).isEqualTo("[3, x]");
        Map<String, Object> typed = object(object(record, "dynamodb"), "NewImage");
        assertThat(typed).containsEntry("total", Map.of("N", BIG_NUMBER)).containsEntry("blob", Map.of("B", "AAH/"))
                .containsEntry("paid", Map.of("BOOL", true)).containsEntry("note", Map.of("NULL", true))
                .containsEntry("tags", Map.of("SS", List.of("a", "b"))).containsEntry("sizes", Map.of("NS", List.of("1", "2.5")))
                .containsEntry("blobs", Map.of("BS", List.of("Bw==")))
                .containsEntry("address", Map.of("M", Map.of("city", Map.of("S", "Lyon"))))
                .containsEntry("lines", Map.of("L", List.of(Map.of("N", "3"), Map.of("S", "x"))));
        assertThat(object(record, "dynamodb")).containsEntry("Keys", Map.of("id", Map.of("S", "order-1")))
                .containsEntry("OldImage", Map.of("id", Map.of("S", "order-1")));
    }

    @Test
    void leavesOutTheImagesTheStreamViewTypeDoesNotCarry() throws Exception {
        Record keysOnly = Record.builder().eventID("e-2").eventName(OperationType.REMOVE)
                .userIdentity(Identity.builder().type("Service").principalId("dynamodb.amazonaws.com").build())
                .dynamodb(change -> change.sequenceNumber("7").keys(Map.of("id", AttributeValue.fromS("o")))
                        .streamViewType(StreamViewType.KEYS_ONLY))
                .build();

        Map<String, Object> record = parse(RENDERER.render(keysOnly, 1 << 20).get(0));

        assertThat(record).doesNotContainKeys("newImage", "oldImage", "approximateCreationDateTime")
                .containsEntry("userIdentity", Map.of("type", "Service", "principalId", "dynamodb.amazonaws.com"));
        assertThat(object(record, "dynamodb")).containsOnlyKeys("Keys");
    }

    @Test
    void dropsThePlainImagesWhenBothFormsDoNotFit() throws Exception {
        Map<String, AttributeValue> large = Map.of("id", AttributeValue.fromS("order-1"), "text", AttributeValue.fromS("x".repeat(3_000)));
        Record record = modify(large, large);
        int full = RENDERER.render(record, 1 << 20).get(0).length();

        Map<String, Object> rendered = parse(RENDERER.render(record, full - 1).get(0));

        assertThat(rendered).doesNotContainKeys("newImage", "oldImage", "truncated").containsKey("keys");
        assertThat(object(object(rendered, "dynamodb"), "NewImage")).containsKey("text");
    }

    @Test
    void keepsOnlyTheKeysAndADigestWhenNoFormOfTheImagesFits() throws Exception {
        Map<String, AttributeValue> large = Map.of("id", AttributeValue.fromS("order-1"), "text", AttributeValue.fromS("x".repeat(3_000)));

        List<String> rendered = RENDERER.render(modify(large, large), 2_000);

        Map<String, Object> record = parse(rendered.get(0));
        assertThat(rendered.get(0).length()).isLessThan(2_000);
        assertThat(record).containsEntry("truncated", true).containsEntry("sequenceNumber", "000000000000000000042");
        assertThat((String) record.get("imagesSha256")).hasSize(64);
        assertThat(object(record, "dynamodb")).containsOnlyKeys("Keys");
    }
}
