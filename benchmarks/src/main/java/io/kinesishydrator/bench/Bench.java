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
 * Runs both benchmark sections and prints their tables: the consumer's throughput per record (JMH), under the
 * default JIT and under the C1-only flags Lambda's Java runtime sets, and the functions' cold start.
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
 * {@code java -cp "benchmarks/target/classes:benchmarks/target/dependency/*" io.kinesishydrator.bench.Bench}.
 */
public final class Bench {
    /** The JIT settings compared; "c1" is what Lambda's java21 runtime runs a function with. */
    private static final Map<String, List<String>> JIT_MODES = Map.of(
            "default", List.of(),
            "c1", List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
    private static final List<String> VARIANTS = List.of("floor", "plain", "kinesisHydrator");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> sections = list("bench.sections", "throughput,coldstart,hydrate");
        List<String> tables = new ArrayList<>();
        if (sections.contains("throughput")) {
            tables.add(throughput());
        }
        if (sections.contains("coldstart")) {
            tables.add(new ColdStart().run());
        }
        if (sections.contains("hydrate")) {
            tables.add(HydrateEfficiency.table(HydrateEfficiency.run()));
        }
        System.out.println();
        tables.forEach(System.out::println);
    }

    private record Row(String variant, int batch, String jit, double nsPerRecord, double error, double bytesPerRecord) {
    }

    private static String throughput() throws RunnerException {
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
        return throughputTable(rows);
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
        table.append(String.format(Locale.ROOT, "%-16s %7s %-8s %20s %13s %13s%n",
                "variant", "batch", "JIT", "ns/record", "ratio/plain", "B/record"));
        rows.stream()
                .sorted(Comparator.comparingInt((Row row) -> order(row.jit()))
                        .thenComparingInt(Row::batch)
                        .thenComparingInt(row -> VARIANTS.indexOf(row.variant())))
                .forEach(row -> {
                    Double base = plain.get(row.batch() + "/" + row.jit());
                    table.append(String.format(Locale.ROOT, "%-16s %7d %-8s %20s %13s %13.0f%n",
                            row.variant(), row.batch(), row.jit(),
                            String.format(Locale.ROOT, "%.1f ± %.1f", row.nsPerRecord(), row.error()),
                            base == null ? "-" : String.format(Locale.ROOT, "%.2f", row.nsPerRecord() / base),
                            row.bytesPerRecord()));
                });
        return table.toString();
    }

    private static int order(String jit) {
        return jit.equals("default") ? 0 : 1;
    }

    static List<String> list(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(","))
                .map(String::trim).filter(item -> !item.isEmpty()).toList();
    }
}
