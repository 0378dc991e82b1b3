package io.kinesishydrator.redrive;

import io.kinesishydrator.common.Backoff;
import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.Retrier;
import io.kinesishydrator.common.Sleeper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KmsThrottlingException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Puts records into a Kinesis stream with {@code PutRecords} and resends only the entries that failed.
 *
 * <p>A PutRecords call can succeed in part: HTTP 200, with an {@code ErrorCode} on some entries of the
 * response's {@code Records}, which are in the order of the request. Sending the whole batch again would
 * duplicate every record that was taken, so only the failed entries go again, whatever their error code, with
 * exponential backoff and full jitter between attempts, for at most {@code maxAttempts} attempts a batch. A
 * call that fails as a whole is retried the same way when the failure is passing (throttling, a server
 * error, no answer); any other failure of a call (stream not found, access denied) would repeat, so the
 * records not yet sent are reported with it instead of being sent.
 *
 * <p>Records go in batches of at most 500 records and 5 MiB, in the order given (a record over 5 MiB, in a stream
 * whose maximum record size allows it, in a request of its own); each keeps its partition key and explicit hash
 * key. A record over Kinesis' limits is reported as not put and never sent. Nothing is
 * dropped silently: the {@link SendResult} lists every record as put or not put.
 */
public final class PutRecordsSender {
    public static final int MAX_RECORDS_PER_CALL = 500;
    public static final int MAX_BYTES_PER_CALL = 5 * 1024 * 1024;
    /** Data and partition key together, as a stream takes them unless its maximum record size was raised. */
    public static final int MAX_BYTES_PER_RECORD = 1024 * 1024;
    /** The most a stream's maximum record size can be raised to ({@code UpdateMaxRecordSize}): 10 MiB. */
    public static final int LARGEST_MAX_BYTES_PER_RECORD = 10 * 1024 * 1024;

    /** The sender's own error codes, for records it did not send; Kinesis' codes are passed on unchanged. */
    public static final String RECORD_TOO_LARGE = "RecordTooLarge";
    public static final String INVALID_PARTITION_KEY = "InvalidPartitionKey";
    public static final String INVALID_EXPLICIT_HASH_KEY = "InvalidExplicitHashKey";
    public static final String MISSING_DATA = "MissingData";
    public static final String DEADLINE_REACHED = "DeadlineReached";

    private final KinesisClient kinesis;
    private final PutRecordsBatcher batcher;
    private final Retrier retrier;
    private final RecordRateLimiter rateLimiter;

    private PutRecordsSender(Builder builder) {
        this.kinesis = builder.kinesis;
        this.rateLimiter = builder.rateLimiter;
        this.retrier = new Retrier(builder.maxAttempts, builder.backoff, builder.sleeper);
        // A request larger than a second's worth of records would be one burst and then a long wait.
        int recordsPerCall = rateLimiter.limited()
                ? (int) Math.max(1, Math.min(MAX_RECORDS_PER_CALL, rateLimiter.recordsPerSecond()))
                : MAX_RECORDS_PER_CALL;
        this.batcher = new PutRecordsBatcher(recordsPerCall, builder.maxBytesPerRecord);
    }

    public static Builder builder(KinesisClient kinesis) {
        return new Builder(kinesis);
    }

    /** Puts {@code records} into {@code stream}, a stream name or ARN, with no time limit. */
    public SendResult send(String stream, List<PutRecordsRequestEntry> records) {
        return send(stream, records, Deadline.none());
    }

    /**
     * Puts {@code records} into {@code stream}, a stream name or ARN. Batches not started by the
     * {@code deadline} are reported as not put with {@link #DEADLINE_REACHED}, and no retry waits past it.
     */
    public SendResult send(String stream, List<PutRecordsRequestEntry> records, Deadline deadline) {
        Objects.requireNonNull(stream, "stream");
        PutRecordsBatcher.Batches batches = batcher.split(records);
        Tally tally = new Tally();
        tally.notPut.addAll(batches.rejected());
        NotPutReason stopped = null;
        for (List<PutRecordsBatcher.Indexed> batch : batches.requests()) {
            if (stopped == null && deadline.expired()) {
                stopped = new NotPutReason(DEADLINE_REACHED, "the deadline was reached before this batch was sent");
            }
            if (stopped != null) {
                for (PutRecordsBatcher.Indexed record : batch) {
                    tally.notPut.add(new SendResult.NotPut(record.index(), record.entry(), stopped.errorCode(), stopped.message()));
                }
                continue;
            }
            stopped = sendBatch(stream, batch, deadline, tally);
        }
        return new SendResult(tally.put, tally.notPut, tally.calls, tally.resent);
    }

    /** Sends one batch until every entry is put or the attempts run out; a reason when the rest must not be sent. */
    private NotPutReason sendBatch(String stream, List<PutRecordsBatcher.Indexed> batch, Deadline deadline, Tally tally) {
        PendingBatch pending = new PendingBatch(batch);
        try {
            retrier.call(() -> putPending(stream, pending, tally), PutRecordsSender::isRetryable, deadline);
            return null;
        } catch (EntriesNotPut partly) {
            pending.entries.forEach((index, entry) -> tally.notPut.add(
                    new SendResult.NotPut(index, entry.entry, entry.errorCode, entry.errorMessage)));
            return null;
        } catch (Exception failed) {
            if (failed instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            NotPutReason reason = new NotPutReason(errorCode(failed), String.valueOf(failed.getMessage()));
            pending.entries.forEach((index, entry) -> tally.notPut.add(
                    new SendResult.NotPut(index, entry.entry, reason.errorCode(), reason.message())));
            return isRetryable(failed) ? null : reason;
        }
    }

    /** One attempt: sends what is pending, keeps what was put, and fails while anything is left. */
    private Void putPending(String stream, PendingBatch pending, Tally tally) throws InterruptedException {
        List<Integer> indexes = new ArrayList<>(pending.entries.keySet());
        List<PutRecordsRequestEntry> entries = indexes.stream().map(index -> pending.entries.get(index).entry).toList();
        rateLimiter.acquire(entries.size());
        tally.calls++;
        if (pending.attempts++ > 0) {
            tally.resent += entries.size();
        }
        PutRecordsRequest.Builder request = PutRecordsRequest.builder().records(entries);
        PutRecordsResponse response = kinesis.putRecords(isArn(stream) ? request.streamARN(stream).build() : request.streamName(stream).build());
        List<PutRecordsResultEntry> results = response.records();
        if (results.size() != entries.size()) {
            throw new IllegalStateException("PutRecords answered " + results.size() + " results for " + entries.size()
                    + " records; which records were put is unknown");
        }
        for (int i = 0; i < results.size(); i++) {
            PutRecordsResultEntry result = results.get(i);
            int index = indexes.get(i);
            if (result.errorCode() == null) {
                tally.put.add(new SendResult.Put(index, result.shardId(), result.sequenceNumber()));
                pending.entries.remove(index);
            } else {
                pending.entries.get(index).failed(result.errorCode(), result.errorMessage());
            }
        }
        if (!pending.entries.isEmpty()) {
            throw new EntriesNotPut(pending.entries);
        }
        return null;
    }

    static boolean isArn(String stream) {
        return stream.startsWith("arn:");
    }

    private static boolean isRetryable(Exception failure) {
        if (failure instanceof EntriesNotPut) {
            return true;
        }
        if (failure instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500 || service instanceof KmsThrottlingException;
        }
        // No answer at all (connection refused, timeout) is worth another try; a client that cannot even sign is not.
        return failure instanceof SdkClientException && causedByIo(failure);
    }

    private static boolean causedByIo(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String errorCode(Exception failure) {
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return failure.getClass().getSimpleName();
    }

    /** Why records were not sent: the error code and message they are reported with. */
    private record NotPutReason(String errorCode, String message) {
    }

    /** The entries of a batch not yet put, by index, and the attempts made so far. */
    private static final class PendingBatch {
        private final Map<Integer, PendingEntry> entries = new LinkedHashMap<>();
        private int attempts;

        PendingBatch(List<PutRecordsBatcher.Indexed> batch) {
            batch.forEach(record -> entries.put(record.index(), new PendingEntry(record.entry())));
        }
    }

    /** An entry not yet put, and why its last attempt failed. */
    private static final class PendingEntry {
        private final PutRecordsRequestEntry entry;
        private String errorCode;
        private String errorMessage;

        PendingEntry(PutRecordsRequestEntry entry) {
            this.entry = entry;
        }

        void failed(String code, String message) {
            this.errorCode = code;
            this.errorMessage = message;
        }
    }

    private static final class Tally {
        private final List<SendResult.Put> put = new ArrayList<>();
        private final List<SendResult.NotPut> notPut = new ArrayList<>();
        private int calls;
        private int resent;
    }

    /** Some entries of a call were not taken; the retrier sends them again. */
    private static final class EntriesNotPut extends RuntimeException {
        EntriesNotPut(Map<Integer, PendingEntry> pending) {
            super(pending.size() + " record(s) not put: " + errorCodes(pending));
        }

        private static Map<String, Integer> errorCodes(Map<Integer, PendingEntry> pending) {
            Map<String, Integer> counts = new TreeMap<>();
            pending.values().forEach(entry -> counts.merge(entry.errorCode, 1, Integer::sum));
            return counts;
        }
    }

    /** Options of a sender; every one has a default. */
    public static final class Builder {
        private final KinesisClient kinesis;
        private int maxAttempts = 8;
        private Backoff backoff = Backoff.fullJitter(Duration.ofMillis(100), Duration.ofSeconds(5));
        private Sleeper sleeper = Sleeper.THREAD;
        private RecordRateLimiter rateLimiter = RecordRateLimiter.unlimited();
        private int maxBytesPerRecord = MAX_BYTES_PER_RECORD;

        private Builder(KinesisClient kinesis) {
            this.kinesis = Objects.requireNonNull(kinesis, "kinesis");
        }

        /** Attempts a batch gets, the first included (default 8). */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The wait before each resend (default full jitter, 100 ms doubling up to 5 s). */
        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /** How the backoff waits; tests pass one that does not sleep. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Paces every call, resends included (default: no limit); requests then carry at most a second's worth. */
        public Builder rateLimiter(RecordRateLimiter rateLimiter) {
            this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
            return this;
        }

        /**
         * The largest record, data and partition key, sent (default {@link #MAX_BYTES_PER_RECORD}); a larger one
         * is reported as {@link #RECORD_TOO_LARGE}. Raise it, up to {@link #LARGEST_MAX_BYTES_PER_RECORD}, only
         * for streams whose maximum record size was raised as far: Kinesis refuses a record over its stream's.
         */
        public Builder maxBytesPerRecord(int maxBytesPerRecord) {
            if (maxBytesPerRecord < 1 || maxBytesPerRecord > LARGEST_MAX_BYTES_PER_RECORD) {
                throw new IllegalArgumentException("maxBytesPerRecord must be from 1 to " + LARGEST_MAX_BYTES_PER_RECORD
                        + ", got " + maxBytesPerRecord);
            }
            this.maxBytesPerRecord = maxBytesPerRecord;
            return this;
        }

        public PutRecordsSender build() {
            return new PutRecordsSender(this);
        }
    }
}
