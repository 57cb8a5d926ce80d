package org.precis.samples.search;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.saving.InMemoryResultSaver;
import org.deeplearning4j.arbiter.optimize.api.saving.ResultReference;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.deeplearning4j.arbiter.scoring.impl.EvaluationScoreFunction;
import org.deeplearning4j.arbiter.task.MultiLayerNetworkTaskCreator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.precis.arbiter.data.SplitDataSource;
import org.precis.arbiter.data.ValidationSplit;
import org.precis.arbiter.natgrad.KFacTaskListener;
import org.precis.samples.experiment.Progress;

/**
 * Runs one Arbiter search: candidates drawn from a {@link MultiLayerSpace} (random or grid), each trained on the
 * training part of a {@link ValidationSplit} for the space's epochs and scored by accuracy on the validation
 * part, one candidate at a time, K-FAC attached where a candidate uses it ({@link KFacTaskListener}).
 *
 * <p>Call order: construct, then {@link #run} once.
 */
final class ArbiterSearch {

    /** How candidates are drawn. */
    enum Strategy {
        /** Independent uniform draws in every dimension (log-uniform where the space says so). */
        RANDOM,
        /**
         * Arbiter's grid, walked in order: every choice of a discrete dimension, {@code gridPoints} values of a
         * continuous one, at most {@code gridPoints} values of an integer one.
         */
        GRID
    }

    /**
     * The outcome of a search.
     *
     * @param ranked            every candidate, best first, failed ones last
     * @param bestConfiguration the configuration of the best candidate
     * @param bestModel         the best candidate's trained network
     * @param gridSize          candidates in the whole grid (grid search), else 0
     */
    record Outcome(List<RankedCandidate> ranked, MultiLayerConfiguration bestConfiguration,
            MultiLayerNetwork bestModel, int gridSize) {
    }

    private final MultiLayerSpace space;
    private final SplitDataSource.Registration data;
    private final int batchesPerEpoch;
    private final int epochs;

    /**
     * @param space           the space to search (its epochs and seed apply to every candidate)
     * @param data            the registered split the candidates train and are scored on
     * @param batchesPerEpoch training batches per epoch, for the progress line
     * @param epochs          epochs per candidate (as set in the space), for the progress line
     */
    ArbiterSearch(MultiLayerSpace space, SplitDataSource.Registration data, int batchesPerEpoch, int epochs) {
        this.space = space;
        this.data = data;
        this.batchesPerEpoch = batchesPerEpoch;
        this.epochs = epochs;
    }

    /**
     * Trains {@code candidates} candidates (fewer if a grid is smaller) and ranks them.
     *
     * @param strategy    random or grid
     * @param candidates  how many candidates to train
     * @param gridPoints  values per continuous dimension of a grid
     * @param seed        seed of the random draws
     * @param progressOut where the progress line goes
     * @throws IllegalStateException when every candidate failed (the message carries the first failure)
     */
    Outcome run(Strategy strategy, int candidates, int gridPoints, long seed, PrintStream progressOut) {
        CandidateGenerator generator;
        int gridSize = 0;
        int total = candidates;
        if (strategy == Strategy.GRID) {
            GridSearchCandidateGenerator grid = new GridSearchCandidateGenerator(space, gridPoints,
                    GridSearchCandidateGenerator.Mode.Sequential, null);
            gridSize = grid.getTotalNumCandidates();
            total = Math.min(candidates, gridSize);
            generator = grid;
        } else {
            generator = new RandomSearchGenerator(space, null);
        }
        OptimizationConfiguration configuration = new OptimizationConfiguration.Builder()
                .candidateGenerator(generator)
                .dataSource(SplitDataSource.class, data.properties())
                .modelSaver(new InMemoryResultSaver())
                .scoreFunction(new EvaluationScoreFunction(Evaluation.Metric.ACCURACY))
                .terminationConditions(new MaxCandidatesCondition(total))
                .rngSeed(seed)
                .build();
        LocalOptimizationRunner runner = new LocalOptimizationRunner(configuration,
                new MultiLayerNetworkTaskCreator(null, new KFacTaskListener()));
        SearchProgress progress = new SearchProgress(
                new Progress(progressOut, (long) total * epochs * batchesPerEpoch), total, epochs, batchesPerEpoch);
        runner.addListeners(progress);
        runner.execute();
        return rank(runner, progress, gridSize);
    }

    private static Outcome rank(LocalOptimizationRunner runner, SearchProgress progress, int gridSize) {
        List<Completed> completed = new ArrayList<>();
        try {
            for (ResultReference reference : runner.getResults()) {
                OptimizationResult result = reference.getResult();
                if (result.getScore() != null && !result.getScore().isNaN()) {
                    completed.add(new Completed(result, (MultiLayerNetwork) reference.getResultModel()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        completed.sort(Comparator.comparingDouble((Completed c) -> -c.result.getScore())
                .thenComparingInt(c -> c.result.getIndex()));
        List<RankedCandidate> ranked = new ArrayList<>();
        for (Completed c : completed) {
            int index = c.result.getIndex();
            double seconds = progress.seconds(index);
            ranked.add(new RankedCandidate(ranked.size() + 1, index, CandidateStatus.Complete.name(),
                    c.result.getScore(), Double.isNaN(seconds) ? null : seconds,
                    Hyperparameters.of(configurationOf(c.result)), null));
        }
        String firstFailure = null;
        for (CandidateInfo info : runner.getCandidateStatus()) {
            if (info.getCandidateStatus() == CandidateStatus.Failed
                    || completed.stream().noneMatch(c -> c.result.getIndex() == info.getIndex())) {
                String error = firstLine(info.getExceptionStackTrace());
                firstFailure = firstFailure == null ? error : firstFailure;
                ranked.add(new RankedCandidate(ranked.size() + 1, info.getIndex(), CandidateStatus.Failed.name(),
                        null, null, Map.of(), error));
            }
        }
        if (completed.isEmpty()) {
            throw new IllegalStateException("every candidate failed; first failure: " + firstFailure);
        }
        Completed best = completed.get(0);
        return new Outcome(ranked, configurationOf(best.result), best.model, gridSize);
    }

    private static MultiLayerConfiguration configurationOf(OptimizationResult result) {
        return ((DL4JConfiguration) result.getCandidate().getValue()).getMultiLayerConfiguration();
    }

    private static String firstLine(String stackTrace) {
        if (stackTrace == null || stackTrace.isBlank()) {
            return "no score (see the log)";
        }
        return stackTrace.lines().findFirst().orElse(stackTrace).trim();
    }

    private record Completed(OptimizationResult result, MultiLayerNetwork model) {
    }
}
