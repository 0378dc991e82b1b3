package io.kinesishydrator.examples.orders;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kinesishydrator.consumer.PermanentRecordException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;

/**
 * Reads an {@link Order} from a record's bytes with Jackson's streaming parser: no object mapper to build at
 * cold start, no reflection, one pass. Anything that is not a valid order is a {@link PermanentRecordException}:
 * the same bytes will never parse on a retry.
 */
public final class OrderParser {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_QUANTITY = 10_000;

    private OrderParser() {
    }

    public static Order parse(ByteBuffer data) throws PermanentRecordException {
        if (data == null) {
            throw new PermanentRecordException("record has no data");
        }
        try (JsonParser json = parserFor(data)) {
            Order order = readOrder(json);
            if (json.nextToken() != null) {
                throw new PermanentRecordException("malformed order JSON: content after the order object");
            }
            return order;
        } catch (JsonProcessingException malformed) {
            throw new PermanentRecordException("malformed order JSON: " + malformed.getOriginalMessage(), malformed);
        } catch (IOException unreadable) {
            throw new PermanentRecordException("unreadable order: " + unreadable.getMessage(), unreadable);
        }
    }

    private static JsonParser parserFor(ByteBuffer data) throws IOException {
        if (data.hasArray()) {
            return JSON.createParser(data.array(), data.arrayOffset() + data.position(), data.remaining());
        }
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return JSON.createParser(copy);
    }

    private static Order readOrder(JsonParser json) throws IOException, PermanentRecordException {
        if (json.nextToken() != JsonToken.START_OBJECT) {
            throw new PermanentRecordException("an order must be a JSON object");
        }
        String orderId = null;
        String customerId = null;
        String sku = null;
        Integer quantity = null;
        BigDecimal unitPrice = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "orderId" -> orderId = text(json, value, field);
                case "customerId" -> customerId = text(json, value, field);
                case "sku" -> sku = text(json, value, field);
                case "quantity" -> quantity = quantity(json, value);
                case "unitPrice" -> unitPrice = unitPrice(json, value);
                default -> json.skipChildren();
            }
        }
        return new Order(required(orderId, "orderId"), required(customerId, "customerId"), required(sku, "sku"),
                required(quantity, "quantity"), required(unitPrice, "unitPrice"));
    }

    private static String text(JsonParser json, JsonToken value, String field) throws IOException, PermanentRecordException {
        if (value != JsonToken.VALUE_STRING || json.getText().isBlank()) {
            throw new PermanentRecordException("invalid order: " + field + " must be a non-blank string");
        }
        return json.getText();
    }

    private static int quantity(JsonParser json, JsonToken value) throws IOException, PermanentRecordException {
        if (value != JsonToken.VALUE_NUMBER_INT || json.getNumberType() != JsonParser.NumberType.INT
                || json.getIntValue() < 1 || json.getIntValue() > MAX_QUANTITY) {
            throw new PermanentRecordException("invalid order: quantity must be a whole number from 1 to " + MAX_QUANTITY);
        }
        return json.getIntValue();
    }

    private static BigDecimal unitPrice(JsonParser json, JsonToken value) throws IOException, PermanentRecordException {
        if (!value.isNumeric() || json.getDecimalValue().signum() < 0) {
            throw new PermanentRecordException("invalid order: unitPrice must be a number of at least 0");
        }
        return json.getDecimalValue();
    }

    private static <T> T required(T value, String field) throws PermanentRecordException {
        if (value == null) {
            throw new PermanentRecordException("invalid order: " + field + " is missing");
        }
        return value;
    }
}
