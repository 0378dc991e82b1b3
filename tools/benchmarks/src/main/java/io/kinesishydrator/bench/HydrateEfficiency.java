package io.kinesishydrator.bench;

import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.hydrate.Hydrator;
import io.kinesishydrator.hydrate.HydratorFactory;
import io.kinesishydrator.local.ElasticMq;
import io.kinesishydrator.local.KinesisMock;
import io.kinesishydrator.local.LocalCredentials;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The hydrate against kinesis-mock and ElasticMQ: a failed range of 10,000 records of 1 KiB, and one of 1,500
 * records of 8 KiB, hydrated by the project's {@link Hydrator} and by the {@link OneCallHydrate} baseline. For
 * each: the requests each client put on the wire per operation ({@link CallCounter}), wall time of the hydrate
 * call alone, and how many records of the range reached the queue, counted by reading the queue back.
 *
 * <p>Records are written before and after the range, as a live stream has them. System properties (optional):
 * {@code bench.hydrate.repeats} (3) runs of each variant per workload, interleaved; the run with the median
 * wall time is reported.
 */
final class HydrateEfficiency {
    private static final int ONE_MIB = 1024 * 1024;
    private static final int RECORDS_AROUND = 100;
    private static final int PUT_BATCH = 500;
    static final String HYDRATOR = "kinesisHydrator";
    static final String ONE_CALL = "oneCall";
    private static final List<String> COUNTED = List.of("GetShardIterator", "GetRecords", "SendMessageBatch");

    record Workload(String name, int records, int recordBytes) {
    }

    static final List<Workload> WORKLOADS = List.of(
            new Workload("10,000 x 1 KiB", 10_000, 1024),
            new Workload("1,500 x 8 KiB", 1_500, 8 * 1024));

    /** A failed range as the OnFailure record describes it. */
    private record Range(String streamArn, String shardId, String first, String last, int size) {
    }

    /** One variant's hydration of one workload. */
    record Outcome(Workload workload, String variant, int inRange, int recovered, Map<String, Integer> calls,
                   int queueMessages, double millis) {
        int calls(String operation) {
            return calls.getOrDefault(operation, 0);
        }

        /** Requests of any operation not in the table's own columns. */
        int otherCalls() {
            return calls.entrySet().stream().filter(entry -> !COUNTED.contains(entry.getKey()))
                    .mapToInt(Map.Entry::getValue).sum();
        }
    }

    private final KinesisMock kinesisMock;
    private final ElasticMq elasticMq;
    private final SqsClient reader;
    private int streams;
    private int queues;

    private HydrateEfficiency(KinesisMock kinesisMock, ElasticMq elasticMq) {
        this.kinesisMock = kinesisMock;
        this.elasticMq = elasticMq;
        this.reader = elasticMq.client();
    }

    static List<Outcome> run() throws IOException {
        int repeats = Integer.getInteger("bench.hydrate.repeats", 3);
        try (KinesisMock kinesis = KinesisMock.start(); ElasticMq sqs = ElasticMq.start()) {
            HydrateEfficiency section = new HydrateEfficiency(kinesis, sqs);
            // Untimed: class loading and the first compilations of both variants' paths.
            section.measureBoth(new Workload("warm-up", 200, 1024), 1);
            List<Outcome> outcomes = new ArrayList<>();
            for (Workload workload : WORKLOADS) {
                outcomes.addAll(section.measureBoth(workload, repeats));
            }
            return outcomes;
        }
    }

    private List<Outcome> measureBoth(Workload workload, int repeats) throws IOException {
        Range range = write(workload);
        String notification = notification(range);
        Map<String, List<Outcome>> runs = new LinkedHashMap<>(Map.of(HYDRATOR, new ArrayList<>(), ONE_CALL, new ArrayList<>()));
        for (int repeat = 0; repeat < repeats; repeat++) {
            runs.get(HYDRATOR).add(hydrator(workload, range, notification));
            runs.get(ONE_CALL).add(oneCall(workload, range, notification));
            System.out.printf(Locale.ROOT, "hydrate: %s run %d of %d%n", workload.name(), repeat + 1, repeats);
        }
        return runs.values().stream().map(HydrateEfficiency::median).toList();
    }

    private static Outcome median(List<Outcome> runs) {
        List<Outcome> sorted = runs.stream().sorted(Comparator.comparingDouble(Outcome::millis)).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private Outcome hydrator(Workload workload, Range range, String notification) {
        CallCounter counter = new CallCounter();
        String queueUrl = elasticMq.createQueue("bench-hydrator-" + ++queues);
        try (KinesisClient kinesis = kinesisMock.client(LocalCredentials.REGION, counter); SqsClient sqs = elasticMq.client(counter)) {
            Hydrator hydrator = HydratorFactory.create(region -> kinesis, sqs, queueUrl, ONE_MIB);
            long started = System.nanoTime();
            hydrator.hydrate(notification, Deadline.none(), Deadline.none());
            return outcome(workload, HYDRATOR, range, counter, queueUrl, started);
        }
    }

    private Outcome oneCall(Workload workload, Range range, String notification) throws IOException {
        CallCounter counter = new CallCounter();
        String queueUrl = elasticMq.createQueue("bench-one-call-" + ++queues);
        try (KinesisClient kinesis = kinesisMock.client(LocalCredentials.REGION, counter); SqsClient sqs = elasticMq.client(counter)) {
            OneCallHydrate hydrate = new OneCallHydrate(kinesis, sqs, queueUrl);
            long started = System.nanoTime();
            hydrate.hydrate(notification);
            return outcome(workload, ONE_CALL, range, counter, queueUrl, started);
        }
    }

    private Outcome outcome(Workload workload, String variant, Range range, CallCounter counter, String queueUrl, long started) {
        double millis = (System.nanoTime() - started) / 1e6;
        List<Message> messages = drain(queueUrl);
        return new Outcome(workload, variant, range.size(), recovered(messages, range), counter.counts(), messages.size(), millis);
    }

    /** Every message of the queue, each received once: a long visibility timeout keeps received ones hidden. */
    private List<Message> drain(String queueUrl) {
        List<Message> messages = new ArrayList<>();
        while (true) {
            List<Message> page = reader.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(600).waitTimeSeconds(0)).messages();
            if (page.isEmpty()) {
                return messages;
            }
            messages.addAll(page);
        }
    }

    /**
     * The distinct sequence numbers of the range found in the queue: in the hydrator's messages, the entries of
     * {@code records}; in the baseline's, each message is one record.
     */
    private static int recovered(List<Message> messages, Range range) {
        BigInteger first = new BigInteger(range.first());
        BigInteger last = new BigInteger(range.last());
        Set<BigInteger> found = new HashSet<>();
        for (Message message : messages) {
            for (String sequenceNumber : sequenceNumbers(message.body())) {
                BigInteger sequence = new BigInteger(sequenceNumber);
                if (sequence.compareTo(first) >= 0 && sequence.compareTo(last) <= 0) {
                    found.add(sequence);
                }
            }
        }
        return found.size();
    }

    private static List<String> sequenceNumbers(String body) {
        try {
            Map<String, Object> message = JSON.std.mapFrom(body);
            if (message.get("records") instanceof List<?> records) {
                return records.stream().map(record -> (String) ((Map<?, ?>) record).get("sequenceNumber")).toList();
            }
            return List.of((String) message.get("sequenceNumber"));
        } catch (IOException notJson) {
            throw new IllegalStateException("a message in the queue is not JSON: " + notJson.getMessage(), notJson);
        }
    }

    /** A one-shard stream holding the range, with records before and after it. */
    private Range write(Workload workload) {
        String name = "bench-hydrate-" + ++streams;
        String arn = kinesisMock.createStream(name, 1);
        try (KinesisClient kinesis = kinesisMock.client()) {
            put(kinesis, arn, RECORDS_AROUND, workload.recordBytes(), 0);
            List<String[]> range = put(kinesis, arn, workload.records(), workload.recordBytes(), RECORDS_AROUND);
            put(kinesis, arn, RECORDS_AROUND, workload.recordBytes(), RECORDS_AROUND + workload.records());
            return new Range(arn, range.get(0)[0], range.get(0)[1], range.get(range.size() - 1)[1], range.size());
        }
    }

    /** Puts {@code count} orders; returns each one's shard and sequence number, in order. */
    private static List<String[]> put(KinesisClient kinesis, String arn, int count, int recordBytes, int firstIndex) {
        List<String[]> written = new ArrayList<>(count);
        for (int from = 0; from < count; from += PUT_BATCH) {
            List<PutRecordsRequestEntry> entries = IntStream.range(from, Math.min(count, from + PUT_BATCH))
                    .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("c-" + (firstIndex + i) % 997)
                            .data(SdkBytes.fromByteArrayUnsafe(Orders.json(firstIndex + i, recordBytes))).build())
                    .toList();
            PutRecordsResponse response = kinesis.putRecords(request -> request.streamARN(arn).records(entries));
            if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
                throw new IllegalStateException(response.failedRecordCount() + " benchmark records were not put");
            }
            response.records().forEach(entry -> written.add(new String[] {entry.shardId(), entry.sequenceNumber()}));
        }
        return written;
    }

    /** The OnFailure record a Kinesis event source mapping publishes for the range. */
    private static String notification(Range range) throws IOException {
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("shardId", range.shardId());
        batch.put("startSequenceNumber", range.first());
        batch.put("endSequenceNumber", range.last());
        batch.put("approximateArrivalOfFirstRecord", "2025-11-26T20:46:41.123Z");
        batch.put("approximateArrivalOfLastRecord", "2025-11-26T20:46:42.123Z");
        batch.put("batchSize", range.size());
        batch.put("streamArn", range.streamArn());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("requestContext", Map.of("requestId", "3c1a4f0e-7d2b-4a51-9b8e-1f0c2d3e4a5b",
                "functionArn", "arn:aws:lambda:us-east-1:000000000000:function:consumer:live",
                "condition", "RetryAttemptsExhausted", "approximateInvokeCount", 4));
        root.put("responseContext", Map.of("statusCode", 200, "executedVersion", "1"));
        root.put("version", "1.0");
        root.put("timestamp", "2025-11-26T21:03:11.502Z");
        root.put("KinesisBatchInfo", batch);
        return JSON.std.asString(root);
    }

    static String table(List<Outcome> outcomes) {
        StringBuilder table = new StringBuilder("Hydrate efficiency (kinesis-mock and ElasticMQ; calls are requests on the wire)\n");
        table.append(String.format(Locale.ROOT, "%-16s %-16s %9s %10s %17s %11s %17s %7s %9s %9s %14s%n", "workload", "variant",
                "in range", "recovered", "GetShardIterator", "GetRecords", "SendMessageBatch", "other", "messages", "wall ms",
                "ratio/oneCall"));
        for (Outcome outcome : outcomes) {
            Outcome baseline = baseline(outcomes, outcome.workload());
            table.append(String.format(Locale.ROOT, "%-16s %-16s %9d %10d %17d %11d %17d %7d %9d %9.0f %14.2f%n",
                    outcome.workload().name(), outcome.variant(), outcome.inRange(), outcome.recovered(),
                    outcome.calls("GetShardIterator"), outcome.calls("GetRecords"), outcome.calls("SendMessageBatch"),
                    outcome.otherCalls(), outcome.queueMessages(), outcome.millis(), outcome.millis() / baseline.millis()));
        }
        return table.toString();
    }

    static Outcome baseline(List<Outcome> outcomes, Workload workload) {
        return outcomes.stream().filter(o -> o.workload().equals(workload) && o.variant().equals(ONE_CALL)).findFirst().orElseThrow();
    }
}
