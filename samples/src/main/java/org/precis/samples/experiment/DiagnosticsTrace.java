package org.precis.samples.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.precis.pc.stats.PcStatistics;
import org.precis.pc.stats.PcStatisticsListener;
import org.precis.samples.arms.PcArm;

/**
 * The diagnostics of a predictive-coding network during training ({@link PcArm#diagnosticsOf(PcStatistics)}: the
 * mean learned precision of every level and of the output, relaxation steps and energy rises so far), taken every
 * {@value #EVERY} iterations by a {@link PcStatisticsListener}; it shows how fast a learned precision settles. A
 * network without a PC layer leaves it empty.
 *
 * <p>{@link #values()} is what {@code results.json} records as an arm's {@code diagnosticsTrace}: the key
 * {@value #ITERATION} (the network's iteration count, i.e. training batches done minus one) and one list per
 * diagnostic, of the same length.
 */
public final class DiagnosticsTrace extends BaseTrainingListener {

    /** Iterations between two points of the trace (78 points per epoch of 100,000 images at batch 128). */
    public static final int EVERY = 10;
    /** Key of the iteration numbers in {@link #values()}. */
    public static final String ITERATION = "iteration";

    private final PcStatisticsListener snapshots = new PcStatisticsListener(EVERY, this::record);
    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    /** An empty trace, for a run from its start. */
    public DiagnosticsTrace() {
        this(Map.of());
    }

    /**
     * A trace continuing {@code restored} (the {@link #values()} of a run interrupted part-way), so a resumed run
     * records the same trace as an uninterrupted one.
     */
    public DiagnosticsTrace(Map<String, List<Double>> restored) {
        restored.forEach((k, v) -> values.put(k, new ArrayList<>(v)));
    }

    private void record(PcStatistics snapshot) {
        if (snapshot.firstLevel() != 1) {
            return; // a generative layer: not the supervised hierarchy the diagnostics describe
        }
        values.computeIfAbsent(ITERATION, k -> new ArrayList<>()).add((double) snapshot.iteration());
        PcArm.diagnosticsOf(snapshot).forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        snapshots.iterationDone(model, iteration, epoch);
    }

    /** @return {@value #ITERATION} and each diagnostic, one value per point (empty if nothing was traced) */
    public Map<String, List<Double>> values() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }
}
