package io.kinesishydrator.hydrate.internal;

import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.Retrier;
import java.util.function.Consumer;
import java.util.function.Function;
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
 * {@code [startSequenceNumber, endSequenceNumber]} of a Kinesis {@link StreamBatchInfo}.
 *
 * <p>It starts at {@code AT_SEQUENCE_NUMBER} of the start and follows {@code NextShardIterator} until a record
 * past the end shows up, the shard closes, or the {@link Deadline} comes. Empty pages do not end it: a shard
 * can return empty pages before its data. It stops at an empty page only when the shard has nothing newer
 * ({@code MillisBehindLatest = 0}), since records up to the end were all written long before.
 *
 * <p>Throttling ({@code ProvisionedThroughputExceeded}, {@code LimitExceeded}: the shard's 5 reads a second are
 * shared with the consumer's event source mapping) is retried with backoff. An expired iterator is re-acquired
 * after the last record read. Any other error ends the read, keeping what was read. Each page's records are
 * handed on before the next page is asked for; a {@link Continuation} starts {@code AFTER_SEQUENCE_NUMBER} of the
 * last record its earlier invocations sent.
 */
public final class KinesisRangeReader implements RangeReader<Record> {
    /** GetRecords' maximum; a page also stops at 10 MiB, whichever comes first. */
    private static final int MAX_PAGE_RECORDS = 10_000;

    private final Function<StreamArn, KinesisClient> clients;
    private final Retrier throttlingRetrier;

    /**
     * @param clients           the Kinesis client to read a stream with (its ARN's region and account decide), typically cached
     * @param throttlingRetrier how throttled calls are retried
     */
    public KinesisRangeReader(Function<StreamArn, KinesisClient> clients, Retrier throttlingRetrier) {
        this.clients = clients;
        this.throttlingRetrier = throttlingRetrier;
    }

    @Override
    public RangeRead read(StreamBatchInfo batch, Continuation from, Deadline deadline, Consumer<Record> records) {
        return new RangeReading(batch, from, deadline, records).run();
    }

    /** The state of one read: how far it got and where to go on from. */
    private final class RangeReading {
        private final StreamBatchInfo batch;
        private final Deadline deadline;
        private final RangeCollector<Record> range;
        private KinesisClient kinesis;
        private String streamName;

        RangeReading(StreamBatchInfo batch, Continuation from, Deadline deadline, Consumer<Record> records) {
            this.batch = batch;
            this.deadline = deadline;
            this.range = new RangeCollector<>(batch, from, Record::sequenceNumber, records);
        }

        RangeRead run() {
            try {
                // The stream's region and account, not the function's: the stream may live in another of either.
                StreamArn arn = StreamArn.parse(batch.streamArn(), StreamType.KINESIS);
                kinesis = clients.apply(arn);
                streamName = arn.name();
                return follow(firstIterator());
            } catch (RangeCollector.ReceiverFailure failure) {
                throw failure.getCause();
            } catch (Exception failure) {
                return range.failed(failure);
            }
        }

        private RangeRead follow(String iterator) throws Exception {
            while (true) {
                if (deadline.expired()) {
                    return range.outOfTime();
                }
                GetRecordsResponse page;
                try {
                    page = getRecords(iterator);
                } catch (ExpiredIteratorException expired) {
                    iterator = reacquireIterator();
                    continue;
                }
                if (range.take(page.records())) {
                    return range.finish();
                }
                iterator = page.nextShardIterator();
                if (iterator == null) {
                    return range.incomplete("the shard was closed by resharding before endSequenceNumber");
                }
                if (page.records().isEmpty() && Long.valueOf(0).equals(page.millisBehindLatest())) {
                    return range.incomplete("the shard holds no record this late: reached its newest record before endSequenceNumber");
                }
            }
        }

        /**
         * An iterator at the range's start, or after the last record a continuation's earlier invocations sent. A
         * start that retention has trimmed may be refused as an invalid argument; the oldest record left is then
         * where the range's remains begin.
         */
        private String firstIterator() throws Exception {
            try {
                return reacquireIterator();
            } catch (InvalidArgumentException trimmed) {
                range.note("the shard refused the read's start (" + trimmed.getMessage()
                        + "); read from its oldest record instead");
                return throttlingRetrier.call(() -> kinesis.getShardIterator(request -> request
                                .streamARN(batch.streamArn())
                                .streamName(streamName)
                                .shardId(batch.shardId())
                                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator(),
                        KinesisRangeReader::isThrottling, deadline);
            }
        }

        private String reacquireIterator() throws Exception {
            return range.nothingRead()
                    ? iteratorAt(ShardIteratorType.AT_SEQUENCE_NUMBER, batch.startSequenceNumber())
                    : iteratorAt(ShardIteratorType.AFTER_SEQUENCE_NUMBER, range.lastSequenceNumber());
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

    private static boolean isThrottling(Exception failure) {
        return failure instanceof ProvisionedThroughputExceededException || failure instanceof LimitExceededException;
    }
}
