package io.kinesishydrator.idempotency.dynamodb;

import io.kinesishydrator.consumer.TransientRecordException;
import io.kinesishydrator.consumer.idempotency.IdempotencyStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The idempotency store on a DynamoDB table keyed by the string attribute {@code id}, every write conditional, so
 * two invocations racing for one key cannot both win. An item is
 * {@code {id, status: IN_PROGRESS|COMPLETED, owner, leaseExpiry (epoch ms), expiresAt (epoch s)}}; the table's TTL
 * on {@code expiresAt} deletes it, completed or abandoned, once it is no longer needed.
 *
 * <p>Throttling, server errors and requests that got no answer are {@link TransientRecordException}s; anything
 * else (no such table, access denied) is thrown as the SDK threw it.
 */
public final class DynamoDbIdempotencyStore implements IdempotencyStore {
    static final String ID = "id";
    static final String STATUS = "status";
    static final String OWNER = "owner";
    static final String LEASE_EXPIRY = "leaseExpiry";
    static final String EXPIRES_AT = "expiresAt";
    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String COMPLETED = "COMPLETED";
    // status and owner are DynamoDB reserved words; every expression names its attributes through these.
    private static final Map<String, String> NAMES = Map.of("#id", ID, "#status", STATUS, "#owner", OWNER,
            "#leaseExpiry", LEASE_EXPIRY, "#expiresAt", EXPIRES_AT);

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    /** The store the consumer loads by name from the layer: a client for the function's region and role. */
    public DynamoDbIdempotencyStore(String tableName) {
        this(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), tableName);
    }

    public DynamoDbIdempotencyStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public ClaimResult claim(String key, String owner, Instant now, Instant leaseExpiry, Instant expiresAt)
            throws TransientRecordException {
        boolean claimed = conditional(() -> dynamoDb.putItem(request -> request.tableName(tableName)
                .item(Map.of(ID, text(key), STATUS, text(IN_PROGRESS), OWNER, text(owner),
                        LEASE_EXPIRY, number(leaseExpiry.toEpochMilli()), EXPIRES_AT, number(expiresAt.getEpochSecond())))
                .conditionExpression("attribute_not_exists(#id) OR (#status = :inProgress AND #leaseExpiry < :now)")
                .expressionAttributeNames(names("#id", "#status", "#leaseExpiry"))
                .expressionAttributeValues(Map.of(":inProgress", text(IN_PROGRESS), ":now", number(now.toEpochMilli())))));
        return claimed ? ClaimResult.CLAIMED : holderOf(key);
    }

    /**
     * What stopped a claim. A key that vanished meanwhile (released, or deleted by TTL) reads as in progress: the
     * claim is a transient failure and its retry finds the key free.
     */
    private ClaimResult holderOf(String key) throws TransientRecordException {
        Map<String, AttributeValue> item = DynamoDbErrors.call(() -> dynamoDb.getItem(request -> request.tableName(tableName)
                .key(Map.of(ID, text(key))).consistentRead(true).projectionExpression("#status")
                .expressionAttributeNames(names("#status"))).item());
        AttributeValue status = item == null ? null : item.get(STATUS);
        return status != null && COMPLETED.equals(status.s()) ? ClaimResult.COMPLETED : ClaimResult.IN_PROGRESS;
    }

    @Override
    public boolean complete(String key, String owner, Instant expiresAt) throws TransientRecordException {
        return conditional(() -> dynamoDb.updateItem(request -> request.tableName(tableName)
                .key(Map.of(ID, text(key)))
                .updateExpression("SET #status = :completed, #expiresAt = :expiresAt REMOVE #leaseExpiry")
                .conditionExpression("#owner = :owner AND #status = :inProgress")
                .expressionAttributeNames(names("#status", "#expiresAt", "#leaseExpiry", "#owner"))
                .expressionAttributeValues(Map.of(":completed", text(COMPLETED), ":expiresAt", number(expiresAt.getEpochSecond()),
                        ":owner", text(owner), ":inProgress", text(IN_PROGRESS)))));
    }

    @Override
    public boolean release(String key, String owner) throws TransientRecordException {
        return conditional(() -> dynamoDb.deleteItem(request -> request.tableName(tableName)
                .key(Map.of(ID, text(key)))
                .conditionExpression("#owner = :owner AND #status = :inProgress")
                .expressionAttributeNames(names("#owner", "#status"))
                .expressionAttributeValues(Map.of(":owner", text(owner), ":inProgress", text(IN_PROGRESS)))));
    }

    /** True when the write happened, false when its condition stopped it. */
    private static boolean conditional(Supplier<?> write) throws TransientRecordException {
        try {
            DynamoDbErrors.call(write);
            return true;
        } catch (RuntimeException failure) {
            if (DynamoDbErrors.isConditionFailure(failure)) {
                return false;
            }
            throw failure;
        }
    }

    private static Map<String, String> names(String... placeholders) {
        Map<String, String> used = new HashMap<>();
        for (String placeholder : placeholders) {
            used.put(placeholder, NAMES.get(placeholder));
        }
        return used;
    }

    private static AttributeValue text(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
