package io.kinesishydrator.examples.orders;

import java.math.BigDecimal;

/** A purchase order, the example's record payload: {@code {"orderId":"o-1","customerId":"c-7","sku":"SKU-1","quantity":2,"unitPrice":9.99}}. */
public record Order(String orderId, String customerId, String sku, int quantity, BigDecimal unitPrice) {
}
