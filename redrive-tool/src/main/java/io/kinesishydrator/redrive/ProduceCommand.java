package io.kinesishydrator.redrive;

import io.kinesishydrator.common.ProgressLine;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** {@code produce}: demo records into a stream, through the same sender a redrive uses. */
@Command(name = "produce", sortOptions = false,
        description = {
                "Sends demo records, good and poison, to a stream for loads and demos.",
                "%nValid JSON orders and, at --poison-rate, records the example OrderRecordProcessor rejects for good"
                        + " (malformed JSON, or an order with quantity 0). They go through the redrive's PutRecords sender,"
                        + " so only the entries Kinesis did not take are sent again.",
                "%nOptions:"},
        footer = {"%nExit codes: 0 every record put, 1 some not put (see the summary), 2 could not run."})
final class ProduceCommand implements Callable<Integer> {
    // One request's worth at a time: a load of millions never sits in memory, and progress moves per request.
    private static final int CHUNK = PutRecordsSender.MAX_RECORDS_PER_CALL;
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--stream", required = true, paramLabel = "NAME|ARN", description = "The stream to load.")
    String stream;

    @Option(names = "--records", paramLabel = "N", description = "Records to send (default: ${DEFAULT-VALUE}).")
    int records = 1000;

    @Option(names = "--poison-rate", paramLabel = "RATE", description = "Share of poison records, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double poisonRate = 0.05;

    @Option(names = "--record-bytes", paramLabel = "SIZE|MIN-MAX",
            description = "Pad records to this size, or to sizes drawn from MIN-MAX (default: each order's own size, about 100 bytes).")
    String recordBytes;

    @Option(names = "--partition-keys", paramLabel = "N", description = "Distinct partition keys (customers) (default: ${DEFAULT-VALUE}).")
    int partitionKeys = 50;

    @Option(names = "--seed", paramLabel = "SEED", description = "Random seed; the same seed sends the same records (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Mixin
    SenderOptions sender;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DemoRecords demo;
        Function<KinesisClient, PutRecordsSender> senders;
        try {
            if (records < 1) {
                throw new IllegalArgumentException("--records must be at least 1, got " + records);
            }
            demo = new DemoRecords(seed, poisonRate, recordBytes == null ? RecordSize.NATURAL : RecordSize.parse(recordBytes), partitionKeys);
            senders = sender.senders();
        } catch (IllegalArgumentException invalid) {
            err.println("error: " + invalid.getMessage());
            return 2;
        }
        try (AwsClients aws = connection.connect(null)) {
            Destinations.Destination destination = new Destinations(aws::kinesis, aws.region(), senders).resolve(stream);
            out.println("Producing " + records + " demo records into " + stream);
            AtomicLong put = new AtomicLong();
            long poison = 0;
            long calls = 0;
            long resent = 0;
            Map<String, Integer> notPut = new TreeMap<>();
            try (ProgressLine.Ticker ignored = new ProgressLine(out::println, PROGRESS_INTERVAL).start(() -> put.get() + " records put")) {
                for (int sent = 0; sent < records; sent += CHUNK) {
                    List<DemoRecords.DemoRecord> chunk = demo.next(Math.min(CHUNK, records - sent));
                    SendResult result = destination.sender().send(destination.stream(),
                            chunk.stream().map(DemoRecords.DemoRecord::entry).toList());
                    put.addAndGet(result.put().size());
                    poison += result.put().stream().filter(record -> chunk.get(record.index()).poison()).count();
                    calls += result.calls();
                    resent += result.resentEntries();
                    result.notPutByErrorCode().forEach((code, count) -> notPut.merge(code, count, Integer::sum));
                }
            }
            out.printf("%nProduce summary%n  %-28s %d (%d poison) in %d PutRecords calls, %d entries resent%n",
                    "records put", put.get(), poison, calls, resent);
            notPut.forEach((code, count) -> out.printf("  %-28s %d%n", "records not put: " + code, count));
            out.println(notPut.isEmpty() ? "OK: every record was put." : "NOT DONE: some records were not put.");
            return notPut.isEmpty() ? 0 : 1;
        } catch (ToolException problem) {
            err.println("error: " + problem.getMessage());
            return 2;
        } catch (SdkException failure) {
            err.println("error: " + AwsErrors.describe(failure));
            return 2;
        }
    }
}
