package org.precis.samples.experiment;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.precis.data.TrainTestData;
import org.precis.samples.arms.Arm;

/**
 * Runs every (noise setting, seed, arm) combination of an experiment on one data set and budget, in that order,
 * with one progress line whose time estimate covers the whole experiment. Each run is recorded in a
 * {@link RunLedger} the moment it ends; runs the ledger already holds are not trained again.
 */
public final class Experiment {

    private final TrainTestData data;
    private final TrainingBudget budget;
    private final RunListeners runListeners;

    /**
     * @param data   the data (not modified)
     * @param budget architecture and training budget shared by every run
     */
    public Experiment(TrainTestData data, TrainingBudget budget) {
        this(data, budget, RunListeners.NONE);
    }

    /**
     * @param data         the data (not modified)
     * @param budget       architecture and training budget shared by every run
     * @param runListeners extra listeners for each run's network (the training UI's)
     */
    public Experiment(TrainTestData data, TrainingBudget budget, RunListeners runListeners) {
        this.data = data;
        this.budget = budget;
        this.runListeners = runListeners;
    }

    /**
     * Trains each arm from scratch for each seed and noise setting, keeping results in memory only.
     *
     * @param progressOut where the progress line goes (normally {@code System.err})
     * @return one result per run, settings outermost, arms innermost
     */
    public List<ArmResult> run(List<Arm> arms, List<NoiseSetting> settings, List<Long> seeds,
            PrintStream progressOut) {
        return run(arms, settings, seeds, progressOut, RunLedger.NONE, RunCheckpoints.NONE);
    }

    /**
     * Trains each arm for each seed and noise setting, skipping the runs {@code ledger} already holds, recording
     * each new one there as it ends, and continuing a run from its checkpoint when it has one.
     *
     * @param progressOut where the progress line goes (normally {@code System.err})
     * @param ledger      where finished runs are recorded and looked up
     * @param checkpoints checkpoints of runs in progress
     * @return one result per run, settings outermost, arms innermost
     */
    public List<ArmResult> run(List<Arm> arms, List<NoiseSetting> settings, List<Long> seeds,
            PrintStream progressOut, RunLedger ledger, RunCheckpoints checkpoints) {
        List<RunKey> plan = new ArrayList<>();
        for (NoiseSetting setting : settings) {
            for (long seed : seeds) {
                for (Arm arm : arms) {
                    plan.add(new RunKey(arm.name(), seed, setting));
                }
            }
        }
        long toTrain = plan.stream().filter(key -> ledger.finished(key).isEmpty()).count();
        long batchesPerRun = (long) budget.epochs() * budget.batchesPerEpoch(data.train().numExamples());
        if (toTrain < plan.size()) {
            progressOut.printf("Resuming: %d of %d runs already finished, %d to train%n", plan.size() - toTrain,
                    plan.size(), toTrain);
        }
        ArmRunner runner = new ArmRunner(data, budget, new Progress(progressOut, toTrain * batchesPerRun), runListeners);
        List<ArmResult> results = new ArrayList<>();
        int index = 0;
        for (NoiseSetting setting : settings) {
            for (long seed : seeds) {
                for (Arm arm : arms) {
                    RunKey key = plan.get(index++);
                    Optional<ArmResult> done = ledger.finished(key);
                    if (done.isPresent()) {
                        results.add(done.get());
                        checkpoints.delete(key);
                        continue;
                    }
                    ArmResult result = runner.run(arm, setting, seed, checkpoints);
                    ledger.record(result);
                    checkpoints.delete(key);
                    results.add(result);
                }
            }
        }
        return results;
    }
}
