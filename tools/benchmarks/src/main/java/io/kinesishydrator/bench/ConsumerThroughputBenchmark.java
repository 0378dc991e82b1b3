package io.kinesishydrator.bench;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.kinesishydrator.common.Deadline;
import io.kinesishydrator.common.EmbeddedMetrics;
import io.kinesishydrator.common.StructuredLogger;
import io.kinesishydrator.consumer.StreamBatchProcessor;
import io.kinesishydrator.examples.orders.OrderRecordProcessor;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One Lambda invocation's worth of consumer work on a batch of ~1 KiB JSON orders, four ways: {@code floor}
 * only copies the bytes out, {@code plain} is the documented handler with an ObjectMapper,
 * {@code frameworkPlainMapping} is {@link StreamBatchProcessor} doing plain's ObjectMapper work (the
 * framework's own overhead), and {@code kinesisHydrator} is {@link StreamBatchProcessor} with the example
 * {@link OrderRecordProcessor}.
 *
 * <p>The batch size is a parameter, so one invocation handles {@code batchSize} records; {@link Bench} sets
 * {@code operationsPerInvocation} to the batch size for each run, making every score per record. Run from JMH's
 * own command line, pass {@code -p batchSize=N -opi N} likewise, one size at a time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConsumerThroughputBenchmark {
    @Param({"100", "10000"})
    public int batchSize;

    private List<KinesisEventRecord> records;
    private StreamBatchProcessor<KinesisEventRecord> processor;
    private StreamBatchProcessor<KinesisEventRecord> processorWithPlainMapping;
    private java.util.function.Consumer<PlainOrderHandler.PlainOrder> plainOrders;

    @Setup
    public void setUp(Blackhole blackhole) {
        records = Orders.batch(batchSize);
        // Log lines and the metrics line are still formatted, as in Lambda; only their writing is dropped.
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        // Both variants hand their orders to the same sink, so neither's parsing can be optimised away.
        processor = StreamBatchProcessor.kinesis(new OrderRecordProcessor(blackhole::consume))
                .logger(new StructuredLogger(nowhere, StreamBatchProcessor.class.getName()))
                .metrics(new EmbeddedMetrics(nowhere, "KinesisHydrator", System::currentTimeMillis), "bench")
                .build();
        plainOrders = blackhole::consume;
        processorWithPlainMapping = StreamBatchProcessor.kinesis(record -> plainOrders.accept(PlainOrderHandler.map(record)))
                .logger(new StructuredLogger(nowhere, StreamBatchProcessor.class.getName()))
                .metrics(new EmbeddedMetrics(nowhere, "KinesisHydrator", System::currentTimeMillis), "bench")
                .build();
        requireSuccess(plain(), "plain");
        requireSuccess(kinesisHydrator(), "kinesisHydrator");
        requireSuccess(frameworkPlainMapping(), "frameworkPlainMapping");
    }

    @Benchmark
    public void floor(Blackhole blackhole) {
        for (KinesisEventRecord record : records) {
            ByteBuffer data = record.getKinesis().getData();
            byte[] bytes = new byte[data.remaining()];
            data.get(data.position(), bytes);
            blackhole.consume(bytes);
        }
    }

    @Benchmark
    public StreamsEventResponse plain() {
        return PlainOrderHandler.handle(records, plainOrders);
    }

    @Benchmark
    public StreamsEventResponse kinesisHydrator() {
        return processor.process(records, Deadline.none());
    }

    /** The framework's own cost: the same ObjectMapper work as plain, run by {@link StreamBatchProcessor}. */
    @Benchmark
    public StreamsEventResponse frameworkPlainMapping() {
        return processorWithPlainMapping.process(records, Deadline.none());
    }

    /** A variant that stopped at a record would be measuring less work; every record must be processed. */
    private static void requireSuccess(StreamsEventResponse response, String variant) {
        if (!response.getBatchItemFailures().isEmpty()) {
            throw new IllegalStateException(variant + " failed the benchmark batch at "
                    + response.getBatchItemFailures().get(0).getItemIdentifier());
        }
    }
}
