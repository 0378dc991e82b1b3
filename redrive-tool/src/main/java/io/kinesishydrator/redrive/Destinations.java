package io.kinesishydrator.redrive;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

/**
 * The streams records go to, each checked once to exist and paired with a sender for its region (a stream ARN
 * names its region, a stream name is in the default one) and with its shards.
 */
final class Destinations {
    private static final Pattern STREAM_ARN = Pattern.compile("arn:aws[a-z-]*:kinesis:([a-z0-9-]+):\\d{12}:stream/[a-zA-Z0-9_.-]{1,128}");

    /**
     * A stream that exists, by the name or ARN it was given and by the ARN Kinesis reports for it; the largest
     * record it takes; the sender that reaches it; and its shards, listed once a run, when first needed.
     */
    static final class Destination {
        private final String stream;
        private final String arn;
        private final int maxBytesPerRecord;
        private final PutRecordsSender sender;
        private final KinesisClient kinesis;
        private ShardMap shards;
        private SdkException listingFailed;

        private Destination(String stream, StreamDescriptionSummary summary, PutRecordsSender sender, KinesisClient kinesis) {
            this.stream = stream;
            this.arn = summary.streamARN();
            // A stream whose maximum record size was never raised, or a server that predates the setting, takes 1 MiB.
            this.maxBytesPerRecord = summary.maxRecordSizeInKiB() == null
                    ? PutRecordsSender.MAX_BYTES_PER_RECORD : summary.maxRecordSizeInKiB() * 1024;
            this.sender = sender;
            this.kinesis = kinesis;
        }

        String stream() {
            return stream;
        }

        /** The largest record, data and partition key, the stream takes (its {@code MaxRecordSizeInKiB}). */
        int maxBytesPerRecord() {
            return maxBytesPerRecord;
        }

        PutRecordsSender sender() {
            return sender;
        }

        /**
         * The shards that records read from {@code sourceStreamArn} can go back to: this stream's when it is that
         * stream, none when it is another one (where the shard a record was read from means nothing). A failure to
         * list them (the SDK has retried what passes) is thrown again for every later message of the run.
         */
        synchronized ShardMap shardsFor(String sourceStreamArn) {
            if (!arn.equals(sourceStreamArn)) {
                return ShardMap.NONE;
            }
            if (shards == null && listingFailed == null) {
                try {
                    shards = ShardMap.list(kinesis, arn, ShardMap.MAX_RESULTS);
                } catch (SdkException failed) {
                    listingFailed = failed;
                }
            }
            if (listingFailed != null) {
                throw listingFailed;
            }
            return shards;
        }
    }

    private final Function<Region, KinesisClient> kinesis;
    private final Region defaultRegion;
    private final Function<KinesisClient, PutRecordsSender> senders;
    private final Map<Region, PutRecordsSender> sendersByRegion = new HashMap<>();
    private final Map<String, Destination> found = new HashMap<>();
    private final Map<String, StreamNotFoundException> missing = new HashMap<>();

    Destinations(Function<Region, KinesisClient> kinesis, Region defaultRegion, Function<KinesisClient, PutRecordsSender> senders) {
        this.kinesis = kinesis;
        this.defaultRegion = defaultRegion;
        this.senders = senders;
    }

    /** The destination for a stream name or ARN; a {@link StreamNotFoundException} when it does not exist. */
    Destination resolve(String stream) {
        Destination destination = found.get(stream);
        if (destination != null) {
            return destination;
        }
        StreamNotFoundException notFound = missing.get(stream);
        if (notFound != null) {
            throw notFound;
        }
        Region region = regionOf(stream);
        KinesisClient client = kinesis.apply(region);
        StreamDescriptionSummary summary;
        try {
            summary = client.describeStreamSummary(request -> {
                if (PutRecordsSender.isArn(stream)) {
                    request.streamARN(stream);
                } else {
                    request.streamName(stream);
                }
            }).streamDescriptionSummary();
        } catch (ResourceNotFoundException absent) {
            notFound = new StreamNotFoundException("stream " + stream + " does not exist"
                    + (PutRecordsSender.isArn(stream) ? "" : " in " + region.id()));
            missing.put(stream, notFound);
            throw notFound;
        }
        destination = new Destination(stream, summary, sendersByRegion.computeIfAbsent(region, r -> senders.apply(client)), client);
        found.put(stream, destination);
        return destination;
    }

    private Region regionOf(String stream) {
        if (!PutRecordsSender.isArn(stream)) {
            return defaultRegion;
        }
        Matcher arn = STREAM_ARN.matcher(stream);
        if (!arn.matches()) {
            throw new ToolException(stream + " is not a Kinesis stream ARN (arn:aws:kinesis:<region>:<account>:stream/<name>)");
        }
        return Region.of(arn.group(1));
    }
}
