package io.kinesishydrator.consumer;

import io.kinesishydrator.common.Settings;
import io.kinesishydrator.consumer.idempotency.IdempotencyGuard;
import io.kinesishydrator.consumer.idempotency.IdempotencyKey;
import io.kinesishydrator.consumer.idempotency.IdempotencyStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Duration;

/**
 * The idempotency guard's environment variables; without {@code IDEMPOTENCY_TABLE} there is no guard.
 *
 * <ul>
 *   <li>{@code IDEMPOTENCY_TABLE}: the DynamoDB table that remembers processed records. The store,
 *       {@value #DYNAMODB_STORE}, comes from the idempotency layer, so the function carries no DynamoDB client
 *       when the guard is off.</li>
 *   <li>{@code IDEMPOTENCY_TTL_SECONDS} (86400): how long a processed record is remembered; at least the lease.</li>
 *   <li>{@code IDEMPOTENCY_LEASE_SECONDS} (900, the longest Lambda timeout): how long a claim holds; at least
 *       the function's timeout.</li>
 *   <li>{@code IDEMPOTENCY_KEY}: class name of an {@link IdempotencyKey}; default: stream, shard and sequence
 *       number.</li>
 * </ul>
 */
record IdempotencySettings(IdempotencyGuard guard, String keyClassName) {
    static final String DYNAMODB_STORE = "io.kinesishydrator.idempotency.dynamodb.DynamoDbIdempotencyStore";
    private static final int LONGEST_LAMBDA_TIMEOUT_SECONDS = 900;

    static IdempotencySettings from(Settings env) {
        String table = env.string("IDEMPOTENCY_TABLE", null);
        if (table == null) {
            return new IdempotencySettings(null, null);
        }
        Duration ttl = Duration.ofSeconds(env.integer("IDEMPOTENCY_TTL_SECONDS", 86_400, 60, Integer.MAX_VALUE));
        Duration lease = Duration.ofSeconds(env.integer("IDEMPOTENCY_LEASE_SECONDS", LONGEST_LAMBDA_TIMEOUT_SECONDS, 1,
                Integer.MAX_VALUE));
        return new IdempotencySettings(new IdempotencyGuard(store(DYNAMODB_STORE, table), ttl, lease, Clock.systemUTC()),
                env.string("IDEMPOTENCY_KEY", null));
    }

    /** The key {@code IDEMPOTENCY_KEY} names, checked to take {@code recordType}; null for the default. */
    <R> IdempotencyKey<? super R> key(Class<R> recordType) {
        if (keyClassName == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Class<? extends IdempotencyKey<?>> type = (Class<? extends IdempotencyKey<?>>) Instances.load(keyClassName,
                IdempotencyKey.class, "IDEMPOTENCY_KEY");
        if (!keysRecordsOf(type, recordType)) {
            throw new IllegalStateException("IDEMPOTENCY_KEY " + keyClassName + " must implement IdempotencyKey<"
                    + recordType.getName() + "> directly, the records this function receives");
        }
        @SuppressWarnings("unchecked")
        IdempotencyKey<? super R> key = (IdempotencyKey<? super R>) Instances.create(keyClassName, IdempotencyKey.class,
                "IDEMPOTENCY_KEY");
        return key;
    }

    private static boolean keysRecordsOf(Class<?> type, Class<?> recordType) {
        for (Type implemented : type.getGenericInterfaces()) {
            if (implemented instanceof ParameterizedType parameterized && parameterized.getRawType() == IdempotencyKey.class
                    && parameterized.getActualTypeArguments()[0] instanceof Class<?> argument) {
                return argument.isAssignableFrom(recordType);
            }
        }
        return false;
    }

    /** The store class from the layer, created with the table's name; its absence fails the cold start. */
    static IdempotencyStore store(String className, String table) {
        Class<? extends IdempotencyStore> type;
        try {
            type = Class.forName(className).asSubclass(IdempotencyStore.class);
        } catch (ClassNotFoundException missing) {
            throw new IllegalStateException("IDEMPOTENCY_TABLE is set, but the idempotency store " + className
                    + " is not on the function's classpath: attach the idempotency layer (IdempotencyLayer in "
                    + "template.yaml, built from idempotency-dynamodb) to the function", missing);
        }
        try {
            return type.getConstructor(String.class).newInstance(table);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException wrongClass) {
            throw new IllegalStateException(className + " needs a public constructor taking the table name", wrongClass);
        } catch (InvocationTargetException failed) {
            throw new IllegalStateException("the idempotency store for table " + table + " failed to start",
                    failed.getCause());
        }
    }
}
