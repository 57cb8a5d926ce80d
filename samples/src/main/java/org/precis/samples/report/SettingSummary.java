package org.precis.samples.report;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.precis.samples.experiment.ArmResult;
import org.precis.samples.experiment.NoiseSetting;

/**
 * Final test accuracy (and diagnostics) of each arm in each noise setting, summarised over seeds: the figures a
 * noise sweep's table, plots and verdicts are made from.
 */
public final class SettingSummary {

    /**
     * One arm in one noise setting.
     *
     * @param arm          arm name
     * @param labelNoise   label-noise fraction
     * @param inputNoise   input-noise standard deviation
     * @param runs         number of seeds
     * @param meanAccuracy mean final test accuracy over seeds
     * @param sdAccuracy   sample standard deviation over seeds; NaN (null in JSON) for one seed, whose spread is
     *                     unknown
     * @param diagnostics  per diagnostic name, its mean over seeds
     * @param sdDiagnostics per diagnostic name, its sample standard deviation over seeds (NaN for one seed)
     */
    public record Row(String arm, double labelNoise, double inputNoise, int runs, double meanAccuracy,
            @JsonSerialize(using = NanAsNull.class) double sdAccuracy, Map<String, Double> diagnostics,
            @JsonSerialize(contentUsing = NanAsNull.class) Map<String, Double> sdDiagnostics) {
    }

    private final List<Row> rows;

    /** Summarises results, grouping by arm and noise setting. */
    public SettingSummary(List<ArmResult> results) {
        Map<String, Map<NoiseSetting, List<ArmResult>>> groups = new LinkedHashMap<>();
        for (ArmResult r : results) {
            groups.computeIfAbsent(r.name(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.noise(), k -> new ArrayList<>()).add(r);
        }
        List<Row> built = new ArrayList<>();
        groups.forEach((arm, bySetting) -> bySetting.forEach((setting, runs) -> {
            double[] acc = runs.stream().mapToDouble(ArmResult::testAccuracy).toArray();
            Map<String, Double> means = new LinkedHashMap<>();
            Map<String, Double> sds = new LinkedHashMap<>();
            for (String key : runs.get(0).diagnostics().keySet()) {
                double[] values = runs.stream().mapToDouble(r -> r.diagnostics().getOrDefault(key, Double.NaN))
                        .toArray();
                means.put(key, Stats.mean(values));
                sds.put(key, Stats.sampleSd(values));
            }
            built.add(new Row(arm, setting.labelNoise(), setting.inputNoise(), runs.size(), Stats.mean(acc),
                    Stats.sampleSd(acc), means, sds));
        }));
        this.rows = List.copyOf(built);
    }

    /** All rows, arms in order of first appearance. */
    public List<Row> rows() {
        return rows;
    }

    /** The row of an arm in a setting, if that arm ran in it. */
    public Optional<Row> find(String arm, NoiseSetting setting) {
        return rows.stream().filter(r -> r.arm().equals(arm) && r.labelNoise() == setting.labelNoise()
                && r.inputNoise() == setting.inputNoise()).findFirst();
    }

    /** The arms, in order of first appearance. */
    public List<String> arms() {
        return rows.stream().map(Row::arm).distinct().toList();
    }

    /** An arm's rows of the input-noise sweep (no label noise), by increasing sigma. */
    public List<Row> inputSweep(String arm) {
        return rows.stream().filter(r -> r.arm().equals(arm) && r.labelNoise() == 0)
                .sorted(Comparator.comparingDouble(Row::inputNoise)).toList();
    }

    /** An arm's rows of the label-noise sweep (no input noise), by increasing fraction. */
    public List<Row> labelSweep(String arm) {
        return rows.stream().filter(r -> r.arm().equals(arm) && r.inputNoise() == 0)
                .sorted(Comparator.comparingDouble(Row::labelNoise)).toList();
    }
}
