package org.precis.samples.experiment;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.precis.data.TrainTestData;
import org.precis.samples.arms.Arm;

/**
 * Runs every (noise setting, seed, arm) combination of an experiment on one data set and budget, in that order,
 * with one progress line whose time estimate covers the whole experiment.
 */
public final class Experiment {

    private final TrainTestData data;
    private final TrainingBudget budget;

    /**
     * @param data   the data (not modified)
     * @param budget architecture and training budget shared by every run
     */
    public Experiment(TrainTestData data, TrainingBudget budget) {
        this.data = data;
        this.budget = budget;
    }

    /**
     * Trains each arm from scratch for each seed and noise setting.
     *
     * @param progressOut where the progress line goes (normally {@code System.err})
     * @return one result per run, settings outermost, arms innermost
     */
    public List<ArmResult> run(List<Arm> arms, List<NoiseSetting> settings, List<Long> seeds,
            PrintStream progressOut) {
        long runs = (long) arms.size() * settings.size() * seeds.size();
        long batchesPerRun = (long) budget.epochs() * budget.batchesPerEpoch(data.train().numExamples());
        ArmRunner runner = new ArmRunner(data, budget, new Progress(progressOut, runs * batchesPerRun));
        List<ArmResult> results = new ArrayList<>();
        for (NoiseSetting setting : settings) {
            for (long seed : seeds) {
                for (Arm arm : arms) {
                    results.add(runner.run(arm, setting, seed));
                }
            }
        }
        return results;
    }
}
