package io.kinesishydrator.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one table {@code make bench} ends with: each measure beside its baseline from the same run, their ratio,
 * and the project's target for it (BENCHMARKS.md) with whether this run met it. Measures without a target say so.
 */
final class Summary {
    private record Row(String measure, String measured, String baseline, String ratio, String target, String verdict) {
    }

    private final List<Row> rows = new ArrayList<>();

    /** A ratio that must not exceed {@code limit}. */
    void atMost(String measure, String measured, String baseline, double ratio, double limit) {
        rows.add(new Row(measure, measured, baseline, times(ratio), "<= " + times(limit), verdict(ratio <= limit)));
    }

    /** A ratio that must reach at least {@code limit}. */
    void atLeast(String measure, String measured, String baseline, double ratio, double limit) {
        rows.add(new Row(measure, measured, baseline, times(ratio), ">= " + times(limit), verdict(ratio >= limit)));
    }

    /** A measure with a target that is not a ratio; {@code met} says whether this run reached it. */
    void target(String measure, String measured, String baseline, String ratio, String target, boolean met) {
        rows.add(new Row(measure, measured, baseline, ratio, target, verdict(met)));
    }

    /** A measure reported for comparison, with no target. */
    void report(String measure, String measured, String baseline, String ratio) {
        rows.add(new Row(measure, measured, baseline, ratio, "-", "-"));
    }

    static String times(double ratio) {
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2fx", ratio);
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT MET";
    }

    String table() {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"measure", "measured", "baseline (same run)", "ratio", "target", "met"});
        rows.forEach(row -> cells.add(new String[] {row.measure(), row.measured(), row.baseline(), row.ratio(), row.target(),
                row.verdict()}));
        int[] widths = new int[6];
        cells.forEach(line -> {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        });
        StringBuilder table = new StringBuilder("Summary: what this run measured, against its baselines from this run and the targets in BENCHMARKS.md\n");
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                table.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", line[i])).append(i < line.length - 1 ? "  " : "\n");
            }
        }
        return table.toString();
    }
}
