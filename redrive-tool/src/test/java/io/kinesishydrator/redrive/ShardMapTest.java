package io.kinesishydrator.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.kinesishydrator.redrive.ShardMap.Route;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.Shard;

/** The routing rule on shard lists as ListShards returns them, open and closed. */
class ShardMapTest {
    private static final BigInteger MAX_HASH_KEY = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final BigInteger HALF = BigInteger.ONE.shiftLeft(127);
    private static final String KEY = "c-17";
    private static final BigInteger KEY_HASH = new BigInteger(RedriveMarker.hashKeyOf(KEY));

    private static Shard open(String id, BigInteger start, BigInteger end, String... parents) {
        return shard(id, start, end, null, parents);
    }

    private static Shard closed(String id, BigInteger start, BigInteger end, String... parents) {
        return shard(id, start, end, "2", parents);
    }

    private static Shard shard(String id, BigInteger start, BigInteger end, String endingSequenceNumber, String... parents) {
        return Shard.builder().shardId(id)
                .parentShardId(parents.length > 0 ? parents[0] : null)
                .adjacentParentShardId(parents.length > 1 ? parents[1] : null)
                .hashKeyRange(range -> range.startingHashKey(start.toString()).endingHashKey(end.toString()))
                .sequenceNumberRange(range -> range.startingSequenceNumber("1").endingSequenceNumber(endingSequenceNumber))
                .build();
    }

    private static Route route(List<Shard> shards, String shardId) {
        return ShardMap.of(shards).route(shardId, KEY);
    }

    @Test
    void thePartitionKeysHashIsItsMd5AsAnUnsigned128BitNumber() {
        // RFC 1321's vectors: MD5("") = d41d8cd98f00b204e9800998ecf8427e, MD5("abc") = 900150983cd24fb0d6963f7d28e17f72.
        List<Shard> whole = List.of(open("s", BigInteger.ZERO, MAX_HASH_KEY));

        assertThat(ShardMap.of(whole).route("s", "").explicitHashKey())
                .isEqualTo(new BigInteger("d41d8cd98f00b204e9800998ecf8427e", 16).toString())
                .isEqualTo("281949768489412648962353822266799178366");
        assertThat(ShardMap.of(whole).route("s", "abc").explicitHashKey())
                .isEqualTo(new BigInteger("900150983cd24fb0d6963f7d28e17f72", 16).toString());
    }

    @Test
    void anOpenShardHoldingTheKeysHashGetsTheHashBothEndsOfItsRangeIncluded() {
        BigInteger one = BigInteger.ONE;

        assertThat(route(List.of(open("s", KEY_HASH, KEY_HASH)), "s")).isEqualTo(new Route(Routing.SOURCE_SHARD, KEY_HASH.toString()));
        assertThat(route(List.of(open("s", KEY_HASH, KEY_HASH.add(one))), "s").explicitHashKey()).isEqualTo(KEY_HASH.toString());
        assertThat(route(List.of(open("s", KEY_HASH.subtract(one), KEY_HASH)), "s").explicitHashKey()).isEqualTo(KEY_HASH.toString());
    }

    @Test
    void anOpenShardNotHoldingTheKeysHashGetsItsStartingHashKey() {
        BigInteger above = KEY_HASH.add(BigInteger.ONE);
        BigInteger below = KEY_HASH.subtract(BigInteger.ONE);

        assertThat(route(List.of(open("s", above, MAX_HASH_KEY)), "s")).isEqualTo(new Route(Routing.SOURCE_SHARD, above.toString()));
        assertThat(route(List.of(open("s", BigInteger.TEN, below)), "s")).isEqualTo(new Route(Routing.SOURCE_SHARD, "10"));
    }

    @Test
    void aShardNotListedOrNotNamedLeavesTheRecordToItsPartitionKey() {
        List<Shard> shards = List.of(open("s", BigInteger.ZERO, MAX_HASH_KEY));
        Route byPartitionKey = new Route(Routing.PARTITION_KEY, null);

        assertThat(route(shards, "trimmed")).isEqualTo(byPartitionKey);
        assertThat(route(shards, null)).isEqualTo(byPartitionKey);
        assertThat(ShardMap.NONE.route("s", KEY)).isEqualTo(byPartitionKey);
    }

    @Test
    void aSplitShardSendsTheRecordToTheChildHoldingTheKeysHash() {
        BigInteger split = KEY_HASH.add(BigInteger.ONE);
        List<Shard> shards = List.of(
                closed("parent", BigInteger.ZERO, MAX_HASH_KEY),
                open("low", BigInteger.ZERO, KEY_HASH, "parent"),
                open("high", split, MAX_HASH_KEY, "parent"));

        assertThat(route(shards, "parent")).isEqualTo(new Route(Routing.CHILD_SHARD, KEY_HASH.toString()));
        assertThat(ShardMap.of(shards).route("parent", "key hashing elsewhere").routing()).isEqualTo(Routing.CHILD_SHARD);
    }

    @Test
    void shardsMergedAfterASplitAreFollowedDownToTheOpenGrandchild() {
        BigInteger quarter = HALF.shiftRight(1);
        List<Shard> shards = List.of(
                closed("parent", BigInteger.ZERO, MAX_HASH_KEY),
                closed("low", BigInteger.ZERO, quarter.subtract(BigInteger.ONE), "parent"),
                closed("high", quarter, MAX_HASH_KEY, "parent"),
                open("merged", BigInteger.ZERO, MAX_HASH_KEY, "low", "high"));

        assertThat(route(shards, "parent")).isEqualTo(new Route(Routing.CHILD_SHARD, KEY_HASH.toString()));
        assertThat(route(shards, "high")).isEqualTo(new Route(Routing.CHILD_SHARD, KEY_HASH.toString()));
    }

    @Test
    void aKeyPlacedOutsideItsHashByItsProducerStaysInItsShardsLineageAtTheLowestOpenChild() {
        // The parent's range does not hold the key's hash: its producer put the record there with an explicit hash key.
        boolean hashInLowerHalf = KEY_HASH.compareTo(HALF) < 0;
        BigInteger start = hashInLowerHalf ? HALF : BigInteger.ZERO;
        BigInteger end = hashInLowerHalf ? MAX_HASH_KEY : HALF.subtract(BigInteger.ONE);
        BigInteger split = start.add(HALF.shiftRight(1));
        List<Shard> shards = List.of(
                closed("parent", start, end),
                open("upper", split, end, "parent"),
                open("lower", start, split.subtract(BigInteger.ONE), "parent"));

        assertThat(route(shards, "parent")).isEqualTo(new Route(Routing.CHILD_SHARD, start.toString()));
    }

    @Test
    void aClosedShardWithoutOpenChildrenListedLeavesTheRecordToItsPartitionKey() {
        List<Shard> shards = List.of(closed("parent", BigInteger.ZERO, MAX_HASH_KEY), closed("child", BigInteger.ZERO, MAX_HASH_KEY, "parent"));

        assertThat(route(shards, "parent")).isEqualTo(new Route(Routing.PARTITION_KEY, null));
    }
}
