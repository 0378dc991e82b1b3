package io.kinesishydrator.consumer;

/** Shard ids as Lambda's Kinesis events carry them, inside {@code eventID = "<shardId>:<sequenceNumber>"}. */
public final class ShardIds {
    private ShardIds() {
    }

    public static String fromEventId(String eventId) {
        if (eventId == null) {
            return null;
        }
        int colon = eventId.indexOf(':');
        return colon < 0 ? eventId : eventId.substring(0, colon);
    }
}
