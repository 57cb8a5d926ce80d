package org.precis.samples.autoencode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.precis.samples.autoencode.AutoencodeSummary.LevelSummary;
import org.precis.samples.autoencode.AutoencodeSummary.ModelSummary;
import org.precis.samples.autoencode.AutoencodeSummary.Stat;

/**
 * The summary table of a run: one row per (model, level), mean ± standard deviation over seeds, for the terminal
 * and the HTML page.
 */
final class SummaryRows {

    /** Column headers. */
    static final List<String> HEADERS = List.of("model", "level", "size", "probe accuracy", "reconstruction MSE",
            "MIG (sprites)", "s/epoch", "energy rises");

    private SummaryRows() {
    }

    /** Rows of the table; missing figures show as "-". */
    static List<List<String>> of(AutoencodeSummary summary) {
        List<List<String>> rows = new ArrayList<>();
        for (ModelSummary m : summary.models()) {
            Double rises = m.relaxation().get("energyRises");
            for (LevelSummary l : m.levels()) {
                rows.add(List.of(m.name(), String.valueOf(l.level()), String.valueOf(l.size()),
                        format("%.4f", l.probeAccuracy()), format("%.5f", l.reconstructionMse()),
                        format("%.4f", l.mig()), String.format(Locale.ROOT, "%.1f", m.secondsPerEpoch().mean()),
                        rises == null ? "-" : String.format(Locale.ROOT, "%.0f", rises)));
            }
        }
        return rows;
    }

    /** The table as aligned plain text. */
    static String text(List<List<String>> rows) {
        String pattern = "%-13s %5s %5s %17s %19s %17s %8s %12s%n";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, pattern, HEADERS.toArray()));
        for (List<String> row : rows) {
            sb.append(String.format(Locale.ROOT, pattern, row.toArray()));
        }
        return sb.toString();
    }

    /** Mean, with ± the standard deviation when several seeds were run. */
    private static String format(String pattern, Stat stat) {
        if (!stat.measured()) {
            return "-";
        }
        String mean = String.format(Locale.ROOT, pattern, stat.mean());
        return stat.n() > 1 ? mean + " ± " + String.format(Locale.ROOT, pattern, stat.sd()) : mean;
    }
}
