package org.precis.samples.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.precis.samples.experiment.ArmResult;

/**
 * Writes {@code index.html}: the run's configuration, the summary table and the plots, with links to the raw
 * files. Self-contained and static, so it opens from disk in any browser.
 */
public final class HtmlReport {

    /** File name of the page. */
    public static final String INDEX_HTML = "index.html";

    private HtmlReport() {
    }

    /**
     * @param outDir        the run's output directory (plots already written)
     * @param title         page heading
     * @param configuration every option of the run
     * @param results       one entry per (arm, seed)
     */
    public static void write(Path outDir, String title, Map<String, Object> configuration, List<ArmResult> results)
            throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;}"
                        + "table{border-collapse:collapse;}td,th{border:1px solid #ccc;padding:.3em .6em;"
                        + "text-align:right;}th{background:#f4f4f4;}td:first-child{text-align:left;}"
                        + "img{max-width:100%;}</style></head><body>\n");
        h.append("<h1>").append(escape(title)).append("</h1>\n<h2>Summary</h2>\n<table><tr><th>arm</th><th>runs</th>"
                + "<th>test accuracy (mean)</th><th>sd over seeds</th><th>seconds per epoch</th></tr>\n");
        for (SummaryTable.Row row : SummaryTable.rows(results)) {
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%.4f</td><td>%s</td><td>%.2f</td></tr>%n",
                    escape(row.arm()), row.runs(), row.meanAccuracy(),
                    row.runs() > 1 ? String.format(Locale.ROOT, "%.4f", row.sdAccuracy()) : "-",
                    row.meanSecondsPerEpoch()));
        }
        h.append("</table>\n<h2>Test accuracy</h2>\n<img src=\"").append(Plots.TEST_ACCURACY_PNG)
                .append("\" alt=\"test accuracy per epoch for each arm\">\n<h2>Training loss</h2>\n<img src=\"")
                .append(Plots.TRAIN_LOSS_PNG).append("\" alt=\"training loss per epoch for each arm\">\n");
        h.append("<h2>Configuration</h2>\n<table>\n");
        configuration.forEach((k, v) -> h.append("<tr><td>").append(escape(k)).append("</td><td>")
                .append(escape(String.valueOf(v))).append("</td></tr>\n"));
        h.append("</table>\n<p>Raw figures: <a href=\"").append(ResultsWriter.RESULTS_JSON).append("\">")
                .append(ResultsWriter.RESULTS_JSON).append("</a>, <a href=\"").append(ResultsWriter.PER_EPOCH_CSV)
                .append("\">").append(ResultsWriter.PER_EPOCH_CSV).append("</a>.</p>\n</body></html>\n");
        Files.writeString(outDir.resolve(INDEX_HTML), h.toString());
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
