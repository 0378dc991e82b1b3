package io.kinesishydrator.examples.orders;

import java.util.Random;

/**
 * Demo orders for the local pipeline ({@code make demo}): valid JSON orders, and at the poison rate records
 * {@link OrderRecordProcessor} rejects for good, half of them malformed JSON and half valid JSON that is not a
 * valid order (quantity 0). The same seed gives the same orders.
 */
public final class DemoOrders {
    private static final int CUSTOMERS = 50;

    private final Random random;
    private final double poisonRate;
    private int produced;

    public DemoOrders(long seed, double poisonRate) {
        if (poisonRate < 0 || poisonRate > 1) {
            throw new IllegalArgumentException("the poison rate must be from 0 to 1, got " + poisonRate);
        }
        this.random = new Random(seed);
        this.poisonRate = poisonRate;
    }

    /** One demo order: its customer, the partition key that keeps a customer's orders in order, and its JSON. */
    public record DemoOrder(String customerId, String json, boolean poison) {
    }

    public DemoOrder next() {
        int number = produced++;
        boolean poison = random.nextDouble() < poisonRate;
        String customer = "c-" + random.nextInt(CUSTOMERS);
        return new DemoOrder(customer, poison ? poison(number, customer) : order(number, customer), poison);
    }

    private String order(int number, String customer) {
        return "{\"orderId\":\"o-" + number + "\",\"customerId\":\"" + customer + "\",\"sku\":\"SKU-" + random.nextInt(20)
                + "\",\"quantity\":" + (1 + random.nextInt(5)) + ",\"unitPrice\":" + (1 + random.nextInt(9999)) / 100.0 + "}";
    }

    private static String poison(int number, String customer) {
        return number % 2 == 0
                ? "{\"orderId\":\"o-" + number + "\",\"customerId\":\"" + customer + "\",\"sku\":"
                : "{\"orderId\":\"o-" + number + "\",\"customerId\":\"" + customer + "\",\"sku\":\"SKU-1\",\"quantity\":0,\"unitPrice\":1}";
    }
}
