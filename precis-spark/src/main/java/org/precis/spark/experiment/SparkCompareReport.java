package org.precis.spark.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.precis.samples.report.RunEnvironment;
import org.precis.samples.report.Stats;

/**
 * The files of a {@code spark-compare} run: {@code results.json} (configuration, versions, machine and every run
 * with its accuracy per epoch, seconds per epoch, examples per second and time breakdown), {@code per-epoch.csv},
 * {@code accuracy.png} and {@code throughput.png} (mean over seeds per arm and setting, seed spread as error bars),
 * and a printed summary.
 *
 * <p>Every file is written to a temporary name in the output directory and moved into place when complete, so an
 * interrupted run never leaves a truncated file. JSON is built from maps and lists only: under spark-submit the
 * cluster's (older) Jackson may be the one loaded.
 */
public final class SparkCompareReport {

    /** Name of the JSON results file. */
    public static final String RESULTS_JSON = "results.json";
    /** Name of the per-epoch CSV file. */
    public static final String PER_EPOCH_CSV = "per-epoch.csv";
    /** Name of the accuracy plot. */
    public static final String ACCURACY_PNG = "accuracy.png";
    /** Name of the throughput plot. */
    public static final String THROUGHPUT_PNG = "throughput.png";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SparkCompareReport() {
    }

    /** Writes all files into {@code outDir} (created if needed). */
    public static void write(Path outDir, Map<String, Object> configuration, List<DistributedResult> results)
            throws IOException {
        Files.createDirectories(outDir);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("subcommand", "spark-compare");
        root.put("createdAt", Instant.now().toString());
        root.put("configuration", configuration);
        root.put("versions", RunEnvironment.versions());
        root.put("machine", RunEnvironment.machine());
        List<Map<String, Object>> runs = new ArrayList<>();
        for (DistributedResult r : results) {
            runs.add(asMap(r));
        }
        root.put("runs", runs);
        root.put("summary", summaryRows(results));
        atomically(outDir.resolve(RESULTS_JSON), tmp -> JSON.writeValue(tmp.toFile(), root));
        atomically(outDir.resolve(PER_EPOCH_CSV), tmp -> Files.writeString(tmp, csv(results)));
        atomically(outDir.resolve(ACCURACY_PNG), tmp -> save(chart(results, "Test accuracy after the last epoch",
                "test accuracy", DistributedResult::testAccuracy, true), tmp));
        atomically(outDir.resolve(THROUGHPUT_PNG), tmp -> save(chart(results, "Training throughput",
                "examples per second", DistributedResult::examplesPerSecond, false), tmp));
    }

    /** @return the printed summary: per arm and setting, mean accuracy and throughput, and the time breakdown */
    public static String summary(List<DistributedResult> results) {
        StringWriter s = new StringWriter();
        PrintWriter out = new PrintWriter(s);
        out.printf(Locale.ROOT, "%-14s %-26s %5s %18s %12s%n", "arm", "setting", "seeds", "test accuracy",
                "examples/s");
        for (Map<String, Object> row : summaryRows(results)) {
            out.printf(Locale.ROOT, "%-14s %-26s %5d %9.4f +- %6.4f %12.1f%n", row.get("arm"), row.get("setting"),
                    row.get("seeds"), row.get("meanTestAccuracy"), row.get("sdTestAccuracy"),
                    row.get("meanExamplesPerSecond"));
        }
        out.println();
        out.printf(Locale.ROOT, "%-14s %-26s %s%n", "arm", "setting",
                "share of wall time: training / worker setup / broadcast / aggregation / averaging / curvature / other");
        for (Map<String, Object> row : summaryRows(results)) {
            @SuppressWarnings("unchecked")
            Map<String, Double> shares = (Map<String, Double>) row.get("timeShares");
            if (shares != null) {
                out.printf(Locale.ROOT, "%-14s %-26s %s%n", row.get("arm"), row.get("setting"),
                        String.join(" / ", shares.values().stream()
                                .map(v -> String.format(Locale.ROOT, "%.1f%%", 100 * v)).toList()));
            }
        }
        out.flush();
        return s.toString();
    }

    /** @return one row per (arm, setting) in order of first appearance, with means over seeds */
    static List<Map<String, Object>> summaryRows(List<DistributedResult> results) {
        Map<String, List<DistributedResult>> groups = new LinkedHashMap<>();
        for (DistributedResult r : results) {
            groups.computeIfAbsent(r.arm() + "\u0000" + r.setting(), k -> new ArrayList<>()).add(r);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (List<DistributedResult> group : groups.values()) {
            double[] accuracy = group.stream().mapToDouble(DistributedResult::testAccuracy).toArray();
            double[] throughput = group.stream().mapToDouble(DistributedResult::examplesPerSecond).toArray();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("arm", group.get(0).arm());
            row.put("setting", group.get(0).setting());
            row.put("seeds", group.size());
            row.put("meanTestAccuracy", Stats.mean(accuracy));
            row.put("sdTestAccuracy", group.size() > 1 ? Stats.sampleSd(accuracy) : 0.0);
            row.put("meanExamplesPerSecond", Stats.mean(throughput));
            if (group.get(0).breakdown() != null) {
                Map<String, Double> shares = new LinkedHashMap<>();
                double wall = group.stream().mapToDouble(r -> r.breakdown().wall()).sum();
                for (String part : group.get(0).breakdown().parts().keySet()) {
                    shares.put(part, group.stream().mapToDouble(r -> r.breakdown().parts().get(part)).sum() / wall);
                }
                row.put("timeShares", shares);
            }
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> asMap(DistributedResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arm", r.arm());
        m.put("seed", r.seed());
        m.put("setting", r.setting());
        m.put("mode", r.mode());
        m.put("workers", r.workers());
        m.put("averagingFrequency", r.averagingFrequency());
        m.put("curvature", r.curvature());
        m.put("testAccuracy", r.testAccuracy());
        m.put("testAccuracyPerEpoch", r.testAccuracyPerEpoch());
        m.put("secondsPerEpoch", r.secondsPerEpoch());
        m.put("examplesPerSecond", r.examplesPerSecond());
        if (r.breakdown() != null) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("wall", r.breakdown().wall());
            b.putAll(r.breakdown().parts());
            m.put("secondsBreakdown", b);
        }
        m.put("diagnostics", r.diagnostics());
        return m;
    }

    private static String csv(List<DistributedResult> results) {
        StringBuilder s = new StringBuilder("arm,seed,setting,workers,curvature,epoch,testAccuracy,seconds\n");
        for (DistributedResult r : results) {
            for (int e = 0; e < r.testAccuracyPerEpoch().size(); e++) {
                s.append(String.format(Locale.ROOT, "%s,%d,\"%s\",%d,%s,%d,%.6f,%.3f%n", r.arm(), r.seed(),
                        r.setting(), r.workers(), r.curvature() == null ? "" : r.curvature(), e + 1,
                        r.testAccuracyPerEpoch().get(e), r.secondsPerEpoch().get(e)));
            }
        }
        return s.toString();
    }

    private static CategoryChart chart(List<DistributedResult> results, String title, String yTitle,
            java.util.function.ToDoubleFunction<DistributedResult> value, boolean zoomed) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500).title(title).xAxisTitle("arm")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        List<String> arms = results.stream().map(DistributedResult::arm).distinct().toList();
        List<String> settings = results.stream().map(DistributedResult::setting).distinct().toList();
        for (String setting : settings) {
            List<Double> means = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (String arm : arms) {
                double[] xs = results.stream().filter(r -> r.arm().equals(arm) && r.setting().equals(setting))
                        .mapToDouble(value).toArray();
                // No bar (NaN) where an arm has no run in a setting: per-round curvature exists for K-FAC only.
                means.add(xs.length == 0 ? Double.NaN : Stats.mean(xs));
                errors.add(xs.length > 1 ? Stats.sampleSd(xs) : 0.0);
            }
            chart.addSeries(setting, arms, means, errors);
        }
        if (zoomed) {
            // Accuracies of the settings differ by points: start the axis below the lowest bar, not at 0.
            double lowest = results.stream().mapToDouble(value).min().orElse(0.0);
            chart.getStyler().setYAxisMin(Math.max(0.0, Math.floor((lowest - 0.05) * 20) / 20));
        }
        return chart;
    }

    private static void save(CategoryChart chart, Path file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private interface Writer {
        void write(Path tmp) throws IOException;
    }

    private static void atomically(Path target, Writer writer) throws IOException {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        // XChart appends the extension itself: keep it on the temporary name.
        Path tmp = target.resolveSibling("." + name.substring(0, dot) + ".partial" + name.substring(dot));
        writer.write(tmp);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
