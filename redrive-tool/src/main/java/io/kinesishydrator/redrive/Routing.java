package io.kinesishydrator.redrive;

/** How a redriven record finds its shard; the summary counts records by it. */
enum Routing {
    /** An explicit hash key inside the range of the open shard the record was read from. */
    SOURCE_SHARD("into the shard they were read from"),
    /** An explicit hash key inside an open descendant of the shard it was read from, which a reshard closed. */
    CHILD_SHARD("into a child of their shard, closed by a reshard"),
    /** The explicit hash key the producer chose, which a KPL aggregate keeps for each user record. */
    PRODUCER_HASH_KEY("by their producer's explicit hash key (KPL)"),
    /** By the partition key, as a producer without an explicit hash key routes: the source shard is not known. */
    PARTITION_KEY("by partition key (shard read from unknown)");

    private final String description;

    Routing(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
