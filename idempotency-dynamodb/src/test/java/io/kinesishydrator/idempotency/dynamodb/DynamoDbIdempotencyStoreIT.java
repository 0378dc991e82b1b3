package io.kinesishydrator.idempotency.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kinesishydrator.consumer.TransientRecordException;
import io.kinesishydrator.consumer.idempotency.IdempotencyStore.ClaimResult;
import io.kinesishydrator.local.DynamoDbLocal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** The store's conditional writes on DynamoDB Local, embedded in this JVM. */
class DynamoDbIdempotencyStoreIT {
    private static final Instant NOW = Instant.parse("2025-11-26T21:00:00Z");
    private static final Instant LEASE = NOW.plusSeconds(60);
    private static final Instant TTL = NOW.plusSeconds(86_400);

    private static DynamoDbLocal dynamoDb;
    private static IdempotencyTable table;
    private static int keys;

    @BeforeAll
    static void startDynamoDbLocal() {
        dynamoDb = DynamoDbLocal.start();
        table = IdempotencyTable.create(dynamoDb, "processed-records");
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        dynamoDb.close();
    }

    private static String newKey() {
        return "arn:aws:kinesis:us-east-1:123456789012:stream/orders/shardId-000000000000/" + (++keys);
    }

    @Test
    void aFreeKeyIsClaimedWithItsLeaseAndExpiry() throws Exception {
        String key = newKey();

        assertThat(table.store().claim(key, "a", NOW, LEASE, TTL)).isEqualTo(ClaimResult.CLAIMED);

        Map<String, AttributeValue> item = table.item(key);
        assertThat(item.get("status").s()).isEqualTo("IN_PROGRESS");
        assertThat(item.get("owner").s()).isEqualTo("a");
        assertThat(item.get("leaseExpiry").n()).isEqualTo(Long.toString(LEASE.toEpochMilli()));
        assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(TTL.getEpochSecond()));
    }

    @Test
    void aKeyHeldUnderAnUnexpiredLeaseIsInProgressForEveryoneElse() throws Exception {
        String key = newKey();
        table.store().claim(key, "a", NOW, LEASE, TTL);

        assertThat(table.store().claim(key, "b", NOW.plusSeconds(59), LEASE.plusSeconds(59), TTL)).isEqualTo(ClaimResult.IN_PROGRESS);
        assertThat(table.item(key).get("owner").s()).isEqualTo("a");
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheFormerHolderCanNeitherCompleteNorReleaseIt() throws Exception {
        String key = newKey();
        table.store().claim(key, "crashed", NOW, LEASE, TTL);

        Instant later = LEASE.plusMillis(1);
        assertThat(table.store().claim(key, "b", later, later.plusSeconds(60), TTL)).isEqualTo(ClaimResult.CLAIMED);
        assertThat(table.item(key).get("owner").s()).isEqualTo("b");
        assertThat(table.store().complete(key, "crashed", TTL)).isFalse();
        assertThat(table.store().release(key, "crashed")).isFalse();
        assertThat(table.item(key).get("status").s()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void completingWritesTheStatusAndTheTtlInEpochSecondsAndDropsTheLease() throws Exception {
        String key = newKey();
        table.store().claim(key, "a", NOW, LEASE, TTL);
        Instant expiresAt = NOW.plusSeconds(172_800);

        assertThat(table.store().complete(key, "a", expiresAt)).isTrue();

        Map<String, AttributeValue> item = table.item(key);
        assertThat(item.get("status").s()).isEqualTo("COMPLETED");
        assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(expiresAt.getEpochSecond()));
        assertThat(item).doesNotContainKey("leaseExpiry");
    }

    @Test
    void aCompletedKeyStaysCompletedLongAfterItsLeaseWouldHaveEnded() throws Exception {
        String key = newKey();
        table.store().claim(key, "a", NOW, LEASE, TTL);
        table.store().complete(key, "a", TTL);

        Instant muchLater = NOW.plusSeconds(3_600);
        assertThat(table.store().claim(key, "b", muchLater, muchLater.plusSeconds(60), TTL)).isEqualTo(ClaimResult.COMPLETED);
    }

    @Test
    void aReleasedKeyIsFreeAgain() throws Exception {
        String key = newKey();
        table.store().claim(key, "a", NOW, LEASE, TTL);

        assertThat(table.store().release(key, "a")).isTrue();

        assertThat(table.item(key)).isEmpty();
        assertThat(table.store().claim(key, "b", NOW, LEASE, TTL)).isEqualTo(ClaimResult.CLAIMED);
    }

    @Test
    void ofConcurrentClaimsOfOneKeyExactlyOneWins() throws Exception {
        String key = newKey();
        int claimants = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<ClaimResult>> claims = new ArrayList<>();
        for (int i = 0; i < claimants; i++) {
            String owner = "owner-" + i;
            claims.add(() -> {
                start.await();
                return table.store().claim(key, owner, NOW, LEASE, TTL);
            });
        }
        ExecutorService threads = Executors.newFixedThreadPool(claimants);
        try {
            List<Future<ClaimResult>> results = claims.stream().map(threads::submit).toList();
            start.countDown();
            List<ClaimResult> outcomes = new ArrayList<>();
            for (Future<ClaimResult> result : results) {
                outcomes.add(result.get());
            }
            assertThat(outcomes).containsOnlyOnce(ClaimResult.CLAIMED)
                    .filteredOn(outcome -> outcome == ClaimResult.IN_PROGRESS).hasSize(claimants - 1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theConditionFailureDynamoDbRaisesIsRecognisedByItsErrorCode() {
        String key = newKey();

        assertThatThrownBy(() -> dynamoDb.dynamoDb().deleteItem(request -> request.tableName("processed-records")
                .key(Map.of("id", AttributeValue.fromS(key)))
                .conditionExpression("attribute_exists(id)")))
                // DynamoDB Local's embedded client raises the typed exception; the check also accepts the bare code.
                .isInstanceOf(ConditionalCheckFailedException.class)
                .satisfies(failure -> {
                    assertThat(DynamoDbErrors.isConditionFailure(failure)).isTrue();
                    assertThat(DynamoDbErrors.isTransient(failure)).isFalse();
                });
    }

    @Test
    void aMissingTableIsNotMistakenForATransientFailure() {
        DynamoDbIdempotencyStore noTable = new DynamoDbIdempotencyStore(dynamoDb.dynamoDb(), "no-such-table");

        assertThatThrownBy(() -> noTable.claim(newKey(), "a", NOW, LEASE, TTL))
                .satisfies(failure -> assertThat(failure instanceof ResourceNotFoundException
                        || failure.getMessage().contains("non-existent table")).isTrue())
                .isNotInstanceOf(TransientRecordException.class);
    }
}
