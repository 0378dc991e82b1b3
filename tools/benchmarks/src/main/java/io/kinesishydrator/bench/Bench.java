package io.kinesishydrator.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the benchmark sections and prints their tables: the consumer's throughput per record (JMH), under the
 * default JIT and under the C1-only flags Lambda's Java runtime sets; the functions' cold start and artifact
 * sizes; the hydrate's calls and wall time against local servers. It ends with one summary table of every
 * measure against its baseline from the same run and the project's target for it, if it has one ({@link Summary};
 * the targets and their reasons are in BENCHMARKS.md). Everything it prints was measured in the run.
 *
 * <p>The defaults are short, to see the shape of the numbers in a couple of minutes; for numbers worth
 * quoting, raise them on a quiet machine. System properties (all optional):
 * <ul>
 *   <li>{@code bench.sections} (throughput,coldstart,hydrate)</li>
 *   <li>{@code bench.batchSizes} (100,10000), {@code bench.jit} (default,c1)</li>
 *   <li>{@code bench.forks} (1), {@code bench.warmupIterations} (2), {@code bench.warmupTime} (1s),
 *       {@code bench.measurementIterations} (3), {@code bench.measurementTime} (1s),
 *       {@code bench.jmhVerbosity} (NORMAL)</li>
 *   <li>cold start: see {@link ColdStart}; hydrate: see {@link HydrateEfficiency}</li>
 * </ul>
 * JMH forks its JVMs with this JVM's class path, so run it from a plain class path:
 * {@code java -cp "tools/benchmarks/target/classes:tools/benchmarks/target/dependency/*" io.kinesishydrator.bench.Bench}.
 */
public final class Bench {
    /** The JIT settings compared; "c1" is what Lambda's java21 runtime runs a function with. */
    private static final Map<String, List<String>> JIT_MODES = Map.of(
            "default", List.of(),
            "c1", List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
    private static final List<String> VARIANTS = List.of("floor", "plain", "frameworkPlainMapping", "kinesisHydrator");
    /** The project's targets (BENCHMARKS.md, "Targets"). */
    private static final double FRAMEWORK_OVERHEAD_LIMIT = 1.05;
    private static final double EXAMPLE_SPEEDUP_UNDER_C1 = 1.5;
    private static final double CONSUMER_COLD_START_LIMIT = 1.10;
    private static final long CONSUMER_BYTES_LIMIT = 2_000_000;
    private static final long HYDRATE_BYTES_LIMIT = 8_000_000;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> sections = list("bench.sections", "throughput,coldstart,hydrate");
        List<String> tables = new ArrayList<>();
        Summary summary = new Summary();
        if (sections.contains("throughput")) {
            List<Row> rows = throughput();
            tables.add(throughputTable(rows));
            summarizeThroughput(rows, summary);
        }
        if (sections.contains("coldstart")) {
            ColdStart.Result coldStart = new ColdStart().run();
            tables.add(coldStart.table());
            summarizeColdStart(coldStart, summary);
        }
        if (sections.contains("hydrate")) {
            List<HydrateEfficiency.Outcome> outcomes = HydrateEfficiency.run();
            tables.add(HydrateEfficiency.table(outcomes));
            summarizeHydrate(outcomes, summary);
        }
        System.out.println();
        tables.forEach(System.out::println);
        System.out.println(summary.table());
    }

    private record Row(String variant, int batch, String jit, double nsPerRecord, double error, double bytesPerRecord) {
    }

    private static List<Row> throughput() throws RunnerException {
        List<Row> rows = new ArrayList<>();
        for (String jit : list("bench.jit", "default,c1")) {
            List<String> flags = JIT_MODES.get(jit);
            if (flags == null) {
                throw new IllegalArgumentException("bench.jit: unknown mode " + jit + "; known: " + JIT_MODES.keySet());
            }
            for (String size : list("bench.batchSizes", "100,10000")) {
                int batch = Integer.parseInt(size);
                rows.addAll(run(batch, jit, flags));
            }
        }
        return rows;
    }

    private static List<Row> run(int batch, String jit, List<String> flags) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(ConsumerThroughputBenchmark.class.getName() + "\\.")
                .param("batchSize", Integer.toString(batch))
                // One invocation handles the whole batch: scores and allocation come out per record.
                .operationsPerInvocation(batch)
                .forks(Integer.getInteger("bench.forks", 1))
                .warmupIterations(Integer.getInteger("bench.warmupIterations", 2))
                .warmupTime(TimeValue.fromString(System.getProperty("bench.warmupTime", "1s")))
                .measurementIterations(Integer.getInteger("bench.measurementIterations", 3))
                .measurementTime(TimeValue.fromString(System.getProperty("bench.measurementTime", "1s")))
                .addProfiler(GCProfiler.class)
                .verbosity(VerboseMode.valueOf(System.getProperty("bench.jmhVerbosity", "NORMAL")))
                .shouldFailOnError(true);
        if (!flags.isEmpty()) {
            options.jvmArgsAppend(flags.toArray(String[]::new));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        List<Row> rows = new ArrayList<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            Result<?> time = result.getPrimaryResult();
            Result<?> allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
            rows.add(new Row(benchmark.substring(benchmark.lastIndexOf('.') + 1), batch, jit, time.getScore(),
                    time.getScoreError(), allocation == null ? Double.NaN : allocation.getScore()));
        }
        return rows;
    }

    private static String throughputTable(List<Row> rows) {
        Map<String, Double> plain = new LinkedHashMap<>();
        rows.stream().filter(row -> row.variant().equals("plain"))
                .forEach(row -> plain.put(row.batch() + "/" + row.jit(), row.nsPerRecord()));
        StringBuilder table = new StringBuilder("Consumer throughput (per record, ~1 KiB JSON orders)\n");
        table.append(String.format(Locale.ROOT, "%-22s %7s %-8s %20s %13s %13s%n",
                "variant", "batch", "JIT", "ns/record", "ratio/plain", "B/record"));
        rows.stream()
                .sorted(Comparator.comparingInt((Row row) -> order(row.jit()))
                        .thenComparingInt(Row::batch)
                        .thenComparingInt(row -> VARIANTS.indexOf(row.variant())))
                .forEach(row -> {
                    Double base = plain.get(row.batch() + "/" + row.jit());
                    table.append(String.format(Locale.ROOT, "%-22s %7d %-8s %20s %13s %13.0f%n",
                            row.variant(), row.batch(), row.jit(),
                            String.format(Locale.ROOT, "%.1f ± %.1f", row.nsPerRecord(), row.error()),
                            base == null ? "-" : String.format(Locale.ROOT, "%.2f", row.nsPerRecord() / base),
                            row.bytesPerRecord()));
                });
        return table.toString();
    }

    private static void summarizeThroughput(List<Row> rows, Summary summary) {
        Map<String, Row> byKey = new LinkedHashMap<>();
        rows.forEach(row -> byKey.put(row.variant() + "/" + row.batch() + "/" + row.jit(), row));
        for (Row plain : rows.stream().filter(row -> row.variant().equals("plain")).toList()) {
            String config = plain.batch() + "/" + plain.jit();
            String label = "batch " + plain.batch() + ", " + plain.jit() + " JIT";
            Row framework = byKey.get("frameworkPlainMapping/" + config);
            Row example = byKey.get("kinesisHydrator/" + config);
            summary.atMost("framework's overhead, plain's mapping, " + label, nanos(framework), "plain " + nanos(plain),
                    framework.nsPerRecord() / plain.nsPerRecord(), FRAMEWORK_OVERHEAD_LIMIT);
            double speedup = plain.nsPerRecord() / example.nsPerRecord();
            String measure = "speed with the example processor, " + label;
            if (plain.jit().equals("c1")) {
                summary.atLeast(measure, nanos(example), "plain " + nanos(plain), speedup, EXAMPLE_SPEEDUP_UNDER_C1);
            } else {
                summary.report(measure, nanos(example), "plain " + nanos(plain), Summary.times(speedup));
            }
            summary.report("allocation with the example processor, " + label,
                    String.format(Locale.ROOT, "%.0f B/record", example.bytesPerRecord()),
                    String.format(Locale.ROOT, "plain %.0f B/record", plain.bytesPerRecord()),
                    Summary.times(example.bytesPerRecord() / plain.bytesPerRecord()));
        }
    }

    private static String nanos(Row row) {
        return String.format(Locale.ROOT, "%.0f ns/record", row.nsPerRecord());
    }

    private static void summarizeColdStart(ColdStart.Result result, Summary summary) {
        Map<String, Double> medians = result.medianMillis();
        Double empty = medians.get(ColdStart.EMPTY);
        Double plain = medians.get(ColdStart.PLAIN);
        Double consumer = medians.get("ConsumerFunction");
        Double dynamoDbConsumer = medians.get("DynamoDbConsumerFunction");
        Double hydrate = medians.get("HydrateFunction");
        Double emptyPojo = medians.get(ColdStart.EMPTY_POJO);
        if (consumer != null && empty != null) {
            summary.atMost("cold start, ConsumerFunction", millis(consumer), "Empty " + millis(empty), consumer / empty,
                    CONSUMER_COLD_START_LIMIT);
        }
        if (consumer != null && emptyPojo != null) {
            summary.report("cold start, ConsumerFunction against EmptyPojo", millis(consumer), "EmptyPojo " + millis(emptyPojo),
                    Summary.times(consumer / emptyPojo));
        }
        if (dynamoDbConsumer != null && empty != null) {
            summary.atMost("cold start, DynamoDbConsumerFunction", millis(dynamoDbConsumer), "Empty " + millis(empty),
                    dynamoDbConsumer / empty, CONSUMER_COLD_START_LIMIT);
        }
        if (consumer != null && plain != null) {
            summary.report("cold start, ConsumerFunction against Plain", millis(consumer), "Plain " + millis(plain),
                    Summary.times(consumer / plain));
        }
        if (plain != null && empty != null) {
            summary.report("cold start, Plain", millis(plain), "Empty " + millis(empty), Summary.times(plain / empty));
        }
        if (hydrate != null && empty != null) {
            summary.report("cold start, HydrateFunction (without SnapStart)", millis(hydrate), "Empty " + millis(empty),
                    Summary.times(hydrate / empty));
        }
        Double hydratePojo = medians.get(ColdStart.HYDRATE_POJO);
        if (hydrate != null && hydratePojo != null) {
            summary.report("cold start, HydrateFunction against its POJO handler", millis(hydrate),
                    "HydratePojoHandler " + millis(hydratePojo), Summary.times(hydrate / hydratePojo));
        }
        size(summary, result, "ConsumerFunction", CONSUMER_BYTES_LIMIT);
        size(summary, result, "HydrateFunction", HYDRATE_BYTES_LIMIT);
    }

    private static void size(Summary summary, ColdStart.Result result, String function, long limit) {
        Long bytes = result.folderBytes().get(function);
        if (bytes != null) {
            summary.target("artifact size, " + function, String.format(Locale.ROOT, "%,d bytes", bytes), "-", "-",
                    String.format(Locale.ROOT, "<= %,d bytes", limit), bytes <= limit);
        }
    }

    private static String millis(double millis) {
        return String.format(Locale.ROOT, "%.0f ms", millis);
    }

    private static void summarizeHydrate(List<HydrateEfficiency.Outcome> outcomes, Summary summary) {
        for (HydrateEfficiency.Outcome hydrator : outcomes.stream()
                .filter(outcome -> outcome.variant().equals(HydrateEfficiency.HYDRATOR)).toList()) {
            HydrateEfficiency.Outcome oneCall = HydrateEfficiency.baseline(outcomes, hydrator.workload());
            String workload = "hydrate " + hydrator.workload().name();
            summary.target(workload + ": records recovered", hydrator.recovered() + " of " + hydrator.inRange(),
                    "oneCall " + oneCall.recovered() + " of " + oneCall.inRange(),
                    Summary.times((double) hydrator.recovered() / oneCall.recovered()), "the whole range",
                    hydrator.recovered() == hydrator.inRange());
            summary.report(workload + ": GetShardIterator/GetRecords/SendMessageBatch calls", calls(hydrator),
                    "oneCall " + calls(oneCall), "-");
            summary.report(workload + ": wall time", millis(hydrator.millis()), "oneCall " + millis(oneCall.millis()),
                    Summary.times(hydrator.millis() / oneCall.millis()));
        }
    }

    private static String calls(HydrateEfficiency.Outcome outcome) {
        return outcome.calls("GetShardIterator") + "/" + outcome.calls("GetRecords") + "/" + outcome.calls("SendMessageBatch");
    }

    private static int order(String jit) {
        return jit.equals("default") ? 0 : 1;
    }

    static List<String> list(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(","))
                .map(String::trim).filter(item -> !item.isEmpty()).toList();
    }
}
