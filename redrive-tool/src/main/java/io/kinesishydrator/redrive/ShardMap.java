package io.kinesishydrator.redrive;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The shards of one stream, as ListShards gave them, and the rule that puts a redriven record back on the shard
 * it was read from.
 *
 * <p>Kinesis does not return a record's explicit hash key on read, so a record its producer placed with one
 * would go back wherever its partition key hashes. Instead the record gets an explicit hash key inside its source
 * shard's range: PutRecords' {@code ExplicitHashKey} is "the hash value used to determine explicitly the shard
 * that the data record is assigned to by overriding the partition key hash"
 * (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecordsRequestEntry.html). The value is the
 * partition key's own hash (its MD5 as a 128-bit number, which is how Kinesis maps a partition key, same page)
 * when the range holds it, else the range's starting hash key: records of one key stay together, in order.
 *
 * <p>A shard that a split or merge closed takes no more records. Its ending sequence number is set ("shards that
 * are in the OPEN state have an ending sequence number of null",
 * https://docs.aws.amazon.com/kinesis/latest/APIReference/API_SequenceNumberRange.html), and the records that
 * would have gone to it go to its child shards by hash key
 * (https://docs.aws.amazon.com/streams/latest/dev/kinesis-using-sdk-java-after-resharding.html). A child names
 * its parents in {@code ParentShardId} and {@code AdjacentParentShardId}, so the rule walks down to the open
 * descendants and takes the one whose range holds the partition key's hash. A record placed by its producer
 * outside its key's hash may have no such descendant: it goes to the lowest open descendant's starting hash key,
 * which keeps it in its shard's lineage and with the other records of its key.
 */
final class ShardMap {
    /** ListShards' largest page. */
    static final int MAX_RESULTS = 10_000;
    /** The shards of a stream other than the one the records were read from: none is their source. */
    static final ShardMap NONE = of(List.of());

    /** Where a record goes: how it is routed, and the explicit hash key that routes it, or null for its partition key. */
    record Route(Routing routing, String explicitHashKey) {
    }

    private final Map<String, Shard> byId = new HashMap<>();
    private final Map<String, List<Shard>> children = new HashMap<>();

    private ShardMap(List<Shard> shards) {
        for (Shard shard : shards) {
            byId.put(shard.shardId(), shard);
            for (String parent : new String[] {shard.parentShardId(), shard.adjacentParentShardId()}) {
                if (parent != null) {
                    children.computeIfAbsent(parent, id -> new ArrayList<>()).add(shard);
                }
            }
        }
    }

    static ShardMap of(List<Shard> shards) {
        return new ShardMap(shards);
    }

    /**
     * Every shard of the stream, open and closed, page by page. ListShards "does not list expired shards"
     * (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html): a shard trimmed away is
     * unknown, and its records are routed by partition key. A next page is asked for by its token alone, since
     * the token "unambiguously identifies the stream" (same page).
     */
    static ShardMap list(KinesisClient kinesis, String streamArn, int pageSize) {
        List<Shard> shards = new ArrayList<>();
        ListShardsResponse page = kinesis.listShards(request -> request.streamARN(streamArn).maxResults(pageSize));
        shards.addAll(page.shards());
        while (page.nextToken() != null) {
            String token = page.nextToken();
            page = kinesis.listShards(request -> request.nextToken(token).maxResults(pageSize));
            shards.addAll(page.shards());
        }
        return of(shards);
    }

    /** The route of a record with {@code partitionKey} (as its producer chose it) read from {@code sourceShardId}, which may be null. */
    Route route(String sourceShardId, String partitionKey) {
        Shard source = byId.get(sourceShardId);
        if (source == null) {
            return new Route(Routing.PARTITION_KEY, null);
        }
        BigInteger hash = new BigInteger(RedriveMarker.hashKeyOf(partitionKey));
        if (isOpen(source)) {
            return new Route(Routing.SOURCE_SHARD, hashKeyWithin(source, hash));
        }
        List<Shard> open = openDescendants(source);
        if (open.isEmpty()) {
            return new Route(Routing.PARTITION_KEY, null);
        }
        Shard child = open.stream().filter(shard -> contains(shard, hash)).findFirst().orElse(open.get(0));
        return new Route(Routing.CHILD_SHARD, hashKeyWithin(child, hash));
    }

    /** The open shards below {@code closed}, lowest range first; a merged child is reached from both parents, and counted once. */
    private List<Shard> openDescendants(Shard closed) {
        Set<Shard> open = new LinkedHashSet<>();
        Set<String> visited = new HashSet<>();
        Deque<Shard> toVisit = new ArrayDeque<>(List.of(closed));
        while (!toVisit.isEmpty()) {
            Shard shard = toVisit.pop();
            for (Shard child : children.getOrDefault(shard.shardId(), List.of())) {
                if (!visited.add(child.shardId())) {
                    continue;
                }
                if (isOpen(child)) {
                    open.add(child);
                } else {
                    toVisit.push(child);
                }
            }
        }
        return open.stream().sorted(Comparator.comparing(ShardMap::start)).toList();
    }

    private static boolean isOpen(Shard shard) {
        return shard.sequenceNumberRange().endingSequenceNumber() == null;
    }

    /** The hash itself when {@code shard} holds it, else the shard's starting hash key: the same key always gets the same one. */
    private static String hashKeyWithin(Shard shard, BigInteger hash) {
        return contains(shard, hash) ? hash.toString() : shard.hashKeyRange().startingHashKey();
    }

    /** Whether the shard's hash key range, both ends included, holds {@code hash}. */
    private static boolean contains(Shard shard, BigInteger hash) {
        return start(shard).compareTo(hash) <= 0 && hash.compareTo(new BigInteger(shard.hashKeyRange().endingHashKey())) <= 0;
    }

    private static BigInteger start(Shard shard) {
        return new BigInteger(shard.hashKeyRange().startingHashKey());
    }
}
