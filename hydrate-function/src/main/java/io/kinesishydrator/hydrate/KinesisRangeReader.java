package io.kinesishydrator.hydrate;

import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.Retrier;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Re-reads a failed batch from its shard by sequence-number range, the inclusive range
 * {@code [startSequenceNumber, endSequenceNumber]} of a {@link KinesisBatchInfo}.
 *
 * <p>It starts at {@code AT_SEQUENCE_NUMBER} of the start and follows {@code NextShardIterator} until a record
 * past the end shows up, the shard closes, or the {@link Deadline} comes. Empty pages do not end it: a shard
 * can return empty pages before its data. It stops at an empty page only when the shard has nothing newer
 * ({@code MillisBehindLatest = 0}), since records up to the end were all written long before.
 *
 * <p>Throttling ({@code ProvisionedThroughputExceeded}, {@code LimitExceeded}: the shard's 5 reads a second are
 * shared with the consumer's event source mapping) is retried with backoff. An expired iterator is re-acquired
 * after the last record read. Any other error ends the read, keeping what was read.
 */
public final class KinesisRangeReader {
    /** GetRecords' maximum; a page also stops at 10 MiB, whichever comes first. */
    public static final int MAX_PAGE_RECORDS = 10_000;

    private final Function<Region, KinesisClient> clients;
    private final Retrier throttlingRetrier;

    /**
     * @param clients           a Kinesis client for a region (the stream ARN's region decides), typically cached
     * @param throttlingRetrier how throttled calls are retried
     */
    public KinesisRangeReader(Function<Region, KinesisClient> clients, Retrier throttlingRetrier) {
        this.clients = clients;
        this.throttlingRetrier = throttlingRetrier;
    }

    public RangeRead read(KinesisBatchInfo batch, Deadline deadline) {
        return new RangeReading(batch, deadline).run();
    }

    /** The state of one read: the records so far and where to go on from. */
    private final class RangeReading {
        private final KinesisBatchInfo batch;
        private final BigInteger start;
        private final BigInteger end;
        private final Deadline deadline;
        private final List<Record> records = new ArrayList<>();
        private final List<MissingRange> missing = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private KinesisClient kinesis;
        private String streamName;

        RangeReading(KinesisBatchInfo batch, Deadline deadline) {
            this.batch = batch;
            this.start = batch.start();
            this.end = batch.end();
            this.deadline = deadline;
        }

        RangeRead run() {
            try {
                // The stream's region, not the function's: the stream may live in another region or account.
                StreamArn arn = StreamArn.parse(batch.streamArn());
                kinesis = clients.apply(Region.of(arn.region()));
                streamName = arn.streamName();
                return follow(firstIterator());
            } catch (Exception failure) {
                // Stream deleted, access denied, throttled past the deadline: keep what was read, say why.
                return incomplete("reading the shard failed: " + describe(failure));
            }
        }

        private RangeRead follow(String iterator) throws Exception {
            while (true) {
                if (deadline.expired()) {
                    return incomplete("the Lambda ran out of time");
                }
                GetRecordsResponse page;
                try {
                    page = getRecords(iterator);
                } catch (ExpiredIteratorException expired) {
                    iterator = reacquireIterator();
                    continue;
                }
                if (take(page.records())) {
                    return finish();
                }
                iterator = page.nextShardIterator();
                if (iterator == null) {
                    return incomplete("the shard was closed by resharding before endSequenceNumber");
                }
                if (page.records().isEmpty() && Long.valueOf(0).equals(page.millisBehindLatest())) {
                    return incomplete("the shard holds no record this late: reached its newest record before endSequenceNumber");
                }
            }
        }

        /**
         * An iterator at the range's start. A start that retention has trimmed may be refused as an invalid
         * argument; the oldest record left is then where the range's remains begin.
         */
        private String firstIterator() throws Exception {
            try {
                return iteratorAt(ShardIteratorType.AT_SEQUENCE_NUMBER, batch.startSequenceNumber());
            } catch (InvalidArgumentException trimmed) {
                notes.add("the shard refused startSequenceNumber (" + trimmed.getMessage()
                        + "); read from its oldest record instead");
                return throttlingRetrier.call(() -> kinesis.getShardIterator(request -> request
                                .streamARN(batch.streamArn())
                                .streamName(streamName)
                                .shardId(batch.shardId())
                                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator(),
                        KinesisRangeReader::isThrottling, deadline);
            }
        }

        /** Adds the page's records within range; true once the end is reached or passed. */
        private boolean take(List<Record> page) {
            for (Record record : page) {
                BigInteger sequenceNumber = new BigInteger(record.sequenceNumber());
                if (sequenceNumber.compareTo(end) > 0) {
                    noteWholeRangeGone();
                    return true;
                }
                if (sequenceNumber.compareTo(start) >= 0) {
                    noteMissingStart(sequenceNumber);
                    records.add(record);
                }
                if (sequenceNumber.equals(end)) {
                    return true;
                }
            }
            return false;
        }

        /** A range's first record is a record Lambda delivered; when it is not there, retention has dropped it. */
        private void noteMissingStart(BigInteger first) {
            if (records.isEmpty() && first.compareTo(start) > 0) {
                missing.add(MissingRange.fromBefore(batch.startSequenceNumber(), first.toString(),
                        "no longer in the stream: past its retention period"));
            }
        }

        /** Past the end with nothing read: every record of the range is gone, the first one included. */
        private void noteWholeRangeGone() {
            if (records.isEmpty()) {
                missing.add(MissingRange.fromThrough(batch.startSequenceNumber(), batch.endSequenceNumber(),
                        "no longer in the stream: past its retention period"));
            }
        }

        private RangeRead finish() {
            Integer expected = batch.batchSize();
            if (expected != null && expected != records.size() && missing.isEmpty()) {
                notes.add("read " + records.size() + " records where the notification's batchSize is " + expected);
            }
            return new RangeRead(records, missing, notes);
        }

        private RangeRead incomplete(String reason) {
            String end = batch.endSequenceNumber();
            missing.add(records.isEmpty()
                    ? MissingRange.fromThrough(batch.startSequenceNumber(), end, reason)
                    : MissingRange.afterThrough(records.get(records.size() - 1).sequenceNumber(), end, reason));
            return new RangeRead(records, missing, notes);
        }

        private String reacquireIterator() throws Exception {
            return records.isEmpty()
                    ? iteratorAt(ShardIteratorType.AT_SEQUENCE_NUMBER, batch.startSequenceNumber())
                    : iteratorAt(ShardIteratorType.AFTER_SEQUENCE_NUMBER, records.get(records.size() - 1).sequenceNumber());
        }

        private String iteratorAt(ShardIteratorType type, String sequenceNumber) throws Exception {
            // The ARN names the stream unambiguously, across accounts; Kinesis accepts the name beside it, and
            // servers that predate StreamARN (kinesalite, older emulators) need the name.
            return throttlingRetrier.call(() -> kinesis.getShardIterator(request -> request
                            .streamARN(batch.streamArn())
                            .streamName(streamName)
                            .shardId(batch.shardId())
                            .shardIteratorType(type)
                            .startingSequenceNumber(sequenceNumber)).shardIterator(),
                    KinesisRangeReader::isThrottling, deadline);
        }

        private GetRecordsResponse getRecords(String iterator) throws Exception {
            return throttlingRetrier.call(() -> kinesis.getRecords(request -> request
                            .streamARN(batch.streamArn())
                            .shardIterator(iterator)
                            .limit(MAX_PAGE_RECORDS)),
                    KinesisRangeReader::isThrottling, deadline);
        }
    }

    static boolean isThrottling(Exception failure) {
        return failure instanceof ProvisionedThroughputExceededException || failure instanceof LimitExceededException;
    }

    private static String describe(Exception failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
