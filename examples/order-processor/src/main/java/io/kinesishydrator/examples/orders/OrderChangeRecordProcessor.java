package io.kinesishydrator.examples.orders;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import io.kinesishydrator.consumer.DynamoDbRecordProcessor;
import io.kinesishydrator.consumer.PermanentRecordException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The example DynamoDB stream processor, for a table of orders: an inserted or modified item's new image is read
 * as an {@link Order} and handed on; a removal has nothing to hand on. An image that is not a valid order fails
 * permanently, as a malformed Kinesis order does.
 */
public final class OrderChangeRecordProcessor implements DynamoDbRecordProcessor {
    private static final int MAX_QUANTITY = 10_000;

    private final Consumer<Order> orders;

    public OrderChangeRecordProcessor() {
        this(order -> { });
    }

    public OrderChangeRecordProcessor(Consumer<Order> orders) {
        this.orders = orders;
    }

    @Override
    public void process(DynamodbStreamRecord record) throws PermanentRecordException {
        if ("REMOVE".equals(record.getEventName())) {
            return;
        }
        Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
        if (image == null) {
            throw new PermanentRecordException("no NewImage: the table's stream must show new images");
        }
        orders.accept(new Order(text(image, "orderId"), text(image, "customerId"), text(image, "sku"),
                quantity(image), unitPrice(image)));
    }

    private static String text(Map<String, AttributeValue> image, String name) throws PermanentRecordException {
        AttributeValue value = image.get(name);
        if (value == null || value.getS() == null || value.getS().isBlank()) {
            throw new PermanentRecordException("invalid order: " + name + " must be a non-blank string (S)");
        }
        return value.getS();
    }

    private static int quantity(Map<String, AttributeValue> image) throws PermanentRecordException {
        BigDecimal quantity = number(image, "quantity");
        if (quantity == null || quantity.stripTrailingZeros().scale() > 0
                || quantity.compareTo(BigDecimal.ONE) < 0 || quantity.compareTo(BigDecimal.valueOf(MAX_QUANTITY)) > 0) {
            throw new PermanentRecordException("invalid order: quantity must be a whole number (N) from 1 to " + MAX_QUANTITY);
        }
        return quantity.intValueExact();
    }

    private static BigDecimal unitPrice(Map<String, AttributeValue> image) throws PermanentRecordException {
        BigDecimal price = number(image, "unitPrice");
        if (price == null || price.signum() < 0) {
            throw new PermanentRecordException("invalid order: unitPrice must be a number (N) of at least 0");
        }
        return price;
    }

    private static BigDecimal number(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        try {
            return value == null || value.getN() == null ? null : new BigDecimal(value.getN());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
