package org.precis.samples.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.precis.samples.experiment.ArmResult;

/**
 * Writes the {@code index.html} of a {@code compare} run: summary table, plots, configuration and links to the
 * raw files.
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
     * @param lossPlots     the training-loss plots, by kind of loss (see {@link Plots#writeEpochPlots})
     */
    public static void write(Path outDir, String title, Map<String, Object> configuration, List<ArmResult> results,
            Map<String, String> lossPlots) throws IOException {
        List<List<String>> rows = SummaryTable.rows(results).stream().map(row -> List.of(row.arm(),
                String.valueOf(row.runs()), String.format(Locale.ROOT, "%.4f", row.meanAccuracy()),
                Stats.format4(row.sdAccuracy()), String.format(Locale.ROOT, "%.2f", row.meanSecondsPerEpoch())))
                .toList();
        HtmlPage page = new HtmlPage(title)
                .heading("Summary")
                .table(List.of("arm", "runs", "test accuracy (mean)", "sd over seeds", "seconds per epoch"), rows)
                .heading("Test accuracy").image(Plots.TEST_ACCURACY_PNG, "test accuracy per epoch for each arm");
        lossPlots.forEach((kind, file) -> page.heading("Training loss: " + kind)
                .image(file, "training " + kind + " per epoch"));
        page.heading("Configuration").keyValues(configuration)
                .links("Raw figures:", List.of(ResultsWriter.RESULTS_JSON, ResultsWriter.PER_EPOCH_CSV))
                .write(outDir.resolve(INDEX_HTML));
    }
}
