package org.precis.samples.autoencode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The summary table of a run: one row per (model, level), for the terminal and the HTML page. */
final class SummaryRows {

    /** Column headers. */
    static final List<String> HEADERS = List.of("model", "level", "size", "probe accuracy", "reconstruction MSE",
            "MIG (sprites)", "s/epoch");

    private SummaryRows() {
    }

    /** Rows of the table; missing figures show as "-". */
    static List<List<String>> of(List<ModelReport> reports) {
        List<List<String>> rows = new ArrayList<>();
        for (ModelReport r : reports) {
            double meanSeconds = r.secondsPerEpoch().stream().mapToDouble(Double::doubleValue).average().orElse(0);
            for (int l = 0; l < r.levelSizes().length; l++) {
                rows.add(List.of(r.name(), String.valueOf(l + 1), String.valueOf(r.levelSizes()[l]),
                        format("%.4f", r.probeAccuracy().get(l)), format("%.5f", r.reconstructionMse().get(l)),
                        format("%.4f", r.mig().get(l)), format("%.1f", meanSeconds)));
            }
        }
        return rows;
    }

    /** The table as aligned plain text. */
    static String text(List<List<String>> rows) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-12s %5s %5s %15s %19s %14s %8s%n",
                HEADERS.toArray()));
        for (List<String> row : rows) {
            sb.append(String.format(Locale.ROOT, "%-12s %5s %5s %15s %19s %14s %8s%n", row.toArray()));
        }
        return sb.toString();
    }

    private static String format(String pattern, Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, pattern, value);
    }
}
