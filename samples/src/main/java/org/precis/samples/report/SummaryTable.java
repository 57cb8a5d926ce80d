package org.precis.samples.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.precis.samples.experiment.ArmResult;

/**
 * The per-arm summary of a run: mean and spread (sample standard deviation over seeds) of the final test
 * accuracy and of the seconds per epoch.
 */
public final class SummaryTable {

    /** One row of the table. */
    public record Row(String arm, int runs, double meanAccuracy, double sdAccuracy, double meanSecondsPerEpoch) {
    }

    private SummaryTable() {
    }

    /** Rows in the order arms first appear in {@code results}. */
    public static List<Row> rows(List<ArmResult> results) {
        Map<String, List<ArmResult>> byArm = new LinkedHashMap<>();
        for (ArmResult r : results) {
            byArm.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
        }
        List<Row> rows = new ArrayList<>();
        byArm.forEach((arm, runs) -> {
            double[] acc = runs.stream().mapToDouble(ArmResult::testAccuracy).toArray();
            double secs = runs.stream().mapToDouble(ArmResult::meanSecondsPerEpoch).average().orElse(Double.NaN);
            rows.add(new Row(arm, runs.size(), Stats.mean(acc), Stats.sampleSd(acc), secs));
        });
        return rows;
    }

    /** The table as fixed-width text for the terminal; the arm column is as wide as the longest name. */
    public static String format(List<ArmResult> results) {
        List<Row> rows = rows(results);
        int width = Math.max("arm".length(), rows.stream().mapToInt(r -> r.arm().length()).max().orElse(0));
        String header = "%-" + width + "s %5s %14s %10s %10s%n";
        String line = "%-" + width + "s %5d %14.4f %10s %10.2f%n";
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, header, "arm", "runs", "test accuracy", "(sd)",
                "s/epoch"));
        for (Row row : rows) {
            s.append(String.format(Locale.ROOT, line, row.arm(), row.runs(), row.meanAccuracy(),
                    row.runs() > 1 ? String.format(Locale.ROOT, "%.4f", row.sdAccuracy()) : "-",
                    row.meanSecondsPerEpoch()));
        }
        return s.toString();
    }
}
