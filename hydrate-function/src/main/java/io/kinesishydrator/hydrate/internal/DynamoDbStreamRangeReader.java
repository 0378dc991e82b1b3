package io.kinesishydrator.hydrate.internal;

import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.Retrier;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Re-reads a failed batch from a DynamoDB stream's shard: the inclusive range
 * {@code [startSequenceNumber, endSequenceNumber]} of a DynamoDB {@link StreamBatchInfo}.
 *
 * <p>It starts at {@code AT_SEQUENCE_NUMBER} of the start and follows {@code NextShardIterator} until a record
 * past the end shows up, the shard closes, or the {@link Deadline} comes. A DynamoDB stream keeps records for
 * 24 hours: a read that meets {@code TrimmedDataAccessException} before its first record starts again at the
 * shard's oldest record, so what is left of the range is still read and only the trimmed head is reported
 * missing; met later, the rest of the range is reported missing. An expired iterator is re-acquired after the
 * last record read; throttling ({@code LimitExceededException}, throttling error codes) is retried with backoff.
 *
 * <p>DynamoDB Streams has no {@code MillisBehindLatest}, and an open shard answers empty pages for ever once
 * read to its end, so a run of {@value #MAX_EMPTY_PAGES} empty pages in a row ends the read too.
 */
public final class DynamoDbStreamRangeReader implements RangeReader<Record> {
    /** GetRecords' maximum for DynamoDB Streams (Kinesis allows 10,000). */
    private static final int MAX_PAGE_RECORDS = 1_000;
    private static final int MAX_EMPTY_PAGES = 20;
    private static final String TRIMMED = "TrimmedDataAccessException";
    private static final String EXPIRED = "ExpiredIteratorException";

    private final Function<StreamArn, DynamoDbStreamsClient> clients;
    private final Retrier throttlingRetrier;

    /**
     * @param clients           the DynamoDB Streams client to read a stream with (its ARN's region and account decide)
     * @param throttlingRetrier how throttled calls are retried
     */
    public DynamoDbStreamRangeReader(Function<StreamArn, DynamoDbStreamsClient> clients, Retrier throttlingRetrier) {
        this.clients = clients;
        this.throttlingRetrier = throttlingRetrier;
    }

    @Override
    public RangeRead read(StreamBatchInfo batch, Continuation from, Deadline deadline, Consumer<Record> records) {
        return new RangeReading(batch, from, deadline, records).run();
    }

    private final class RangeReading {
        private final StreamBatchInfo batch;
        private final Deadline deadline;
        private final RangeCollector<Record> range;
        private DynamoDbStreamsClient streams;
        private boolean fromOldest;

        RangeReading(StreamBatchInfo batch, Continuation from, Deadline deadline, Consumer<Record> records) {
            this.batch = batch;
            this.deadline = deadline;
            this.range = new RangeCollector<>(batch, from, record -> record.dynamodb().sequenceNumber(), records);
        }

        RangeRead run() {
            try {
                streams = clients.apply(StreamArn.parse(batch.streamArn(), StreamType.DYNAMODB_STREAMS));
                return follow(startIterator());
            } catch (RangeCollector.ReceiverFailure failure) {
                throw failure.getCause();
            } catch (Exception failure) {
                return range.failed(failure);
            }
        }

        private RangeRead follow(String iterator) throws Exception {
            int emptyPages = 0;
            while (true) {
                if (deadline.expired()) {
                    return range.outOfTime();
                }
                GetRecordsResponse page;
                try {
                    page = getRecords(iterator);
                } catch (AwsServiceException failure) {
                    if (hasCode(failure, EXPIRED)) {
                        iterator = reacquireIterator();
                        continue;
                    }
                    if (hasCode(failure, TRIMMED) && range.nothingRead() && !fromOldest) {
                        iterator = oldestIterator();
                        continue;
                    }
                    if (hasCode(failure, TRIMMED)) {
                        return range.incomplete(RangeCollector.PAST_RETENTION + " (" + TRIMMED + ")");
                    }
                    throw failure;
                }
                if (range.take(page.records())) {
                    return range.finish();
                }
                iterator = page.nextShardIterator();
                if (iterator == null) {
                    return range.incomplete("the shard was closed before endSequenceNumber");
                }
                emptyPages = page.records().isEmpty() ? emptyPages + 1 : 0;
                if (emptyPages == MAX_EMPTY_PAGES) {
                    return range.incomplete("the shard answered " + MAX_EMPTY_PAGES
                            + " empty pages in a row before endSequenceNumber: it holds no record this late");
                }
            }
        }

        /**
         * The range's start, or after the last record a continuation's earlier invocations sent; a start already
         * trimmed may be refused here or, later, by GetRecords.
         */
        private String startIterator() throws Exception {
            try {
                return reacquireIterator();
            } catch (AwsServiceException failure) {
                if (!hasCode(failure, TRIMMED)) {
                    throw failure;
                }
                return oldestIterator();
            }
        }

        /** Retention trimmed the start: the range's remains, if any, begin at the shard's oldest record. */
        private String oldestIterator() throws Exception {
            fromOldest = true;
            range.note("the stream no longer holds startSequenceNumber (" + TRIMMED + "); read from the shard's oldest record instead");
            return iteratorAt(ShardIteratorType.TRIM_HORIZON, null);
        }

        private String reacquireIterator() throws Exception {
            return range.nothingRead()
                    ? iteratorAt(fromOldest ? ShardIteratorType.TRIM_HORIZON : ShardIteratorType.AT_SEQUENCE_NUMBER,
                            fromOldest ? null : batch.startSequenceNumber())
                    : iteratorAt(ShardIteratorType.AFTER_SEQUENCE_NUMBER, range.lastSequenceNumber());
        }

        private String iteratorAt(ShardIteratorType type, String sequenceNumber) throws Exception {
            return throttlingRetrier.call(() -> streams.getShardIterator(request -> request
                            .streamArn(batch.streamArn())
                            .shardId(batch.shardId())
                            .shardIteratorType(type)
                            .sequenceNumber(sequenceNumber)).shardIterator(),
                    DynamoDbStreamRangeReader::isThrottling, deadline);
        }

        private GetRecordsResponse getRecords(String iterator) throws Exception {
            return throttlingRetrier.call(() -> streams.getRecords(request -> request
                            .shardIterator(iterator)
                            .limit(MAX_PAGE_RECORDS)),
                    DynamoDbStreamRangeReader::isThrottling, deadline);
        }
    }

    /**
     * Throttled: {@code LimitExceededException} (a shard's read limit), or any code the SDK counts as throttling.
     * Codes, not types: DynamoDB Local and older SDK models can carry these codes on a generic exception.
     */
    private static boolean isThrottling(Exception failure) {
        return failure instanceof AwsServiceException service
                && (service.isThrottlingException() || hasCode(service, "LimitExceededException"));
    }

    private static boolean hasCode(AwsServiceException failure, String code) {
        return failure.awsErrorDetails() != null && code.equals(failure.awsErrorDetails().errorCode());
    }
}
