package org.precis.examples;

import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.saving.InMemoryResultSaver;
import org.deeplearning4j.arbiter.optimize.api.saving.ResultReference;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.deeplearning4j.arbiter.scoring.impl.EvaluationScoreFunction;
import org.deeplearning4j.arbiter.task.MultiLayerNetworkTaskCreator;
import org.nd4j.evaluation.classification.Evaluation;
import org.precis.arbiter.data.SplitDataSource;
import org.precis.arbiter.data.ValidationSplit;
import org.precis.arbiter.natgrad.KFacTaskListener;
import org.precis.arbiter.pc.PredictiveCodingOutputLayerSpace;
import org.precis.data.TrainTestData;
import org.precis.data.fashion.FashionMnist;

/**
 * An Arbiter random search over a predictive-coding layer's relaxation steps and state rate and Adam's learning rate,
 * each candidate trained on 80% of the training images and scored by accuracy on the other 20% (the test set is
 * never looked at).
 */
public final class ArbiterPcSearch {

    private ArbiterPcSearch() {
    }

    /** @param args none */
    public static void main(String[] args) throws Exception {
        TrainTestData data = FashionMnist.load().limitTrain(10_000);   // sudo apt-get install dataset-fashion-mnist
        OptimizationResult best = run(data, 10, 2);
        System.out.printf("best validation accuracy %.4f with%n%s%n", best.getScore(),
                ((DL4JConfiguration) best.getCandidate().getValue()).getMultiLayerConfiguration().toJson());
    }

    /** Trains {@code candidates} configurations for {@code epochs} each on 80% of the training images. */
    public static OptimizationResult run(TrainTestData data, int candidates, int epochs) throws Exception {
        // tag::space[]
        MultiLayerSpace space = new MultiLayerSpace.Builder().seed(42).numEpochs(epochs)
                .addLayer(new PredictiveCodingOutputLayerSpace.Builder()
                        .nIn(784).hiddenLayerSizes(256, 256).nOut(10)
                        .updater(new AdamSpace(logUniform(1e-4, 1e-2),        // set all four of Adam's values
                                new FixedValue<>(0.9), new FixedValue<>(0.999), new FixedValue<>(1e-8)))
                        .relaxationSteps(new IntegerParameterSpace(5, 30))
                        .stateRate(logUniform(0.003, 0.03))
                        .build())
                .build();
        // end::space[]
        // tag::search[]
        RandomSearchGenerator generator = new RandomSearchGenerator(space, null);
        generator.setRngSeed(42);                                 // the same candidates on every run
        try (SplitDataSource.Registration split = SplitDataSource.register(
                ValidationSplit.of(data.train(), 0.2, 42), 128, 42)) {
            OptimizationConfiguration configuration = new OptimizationConfiguration.Builder()
                    .candidateGenerator(generator)
                    .dataSource(SplitDataSource.class, split.properties())
                    .modelSaver(new InMemoryResultSaver())
                    .scoreFunction(new EvaluationScoreFunction(Evaluation.Metric.ACCURACY))
                    .terminationConditions(new MaxCandidatesCondition(candidates))
                    .build();
            LocalOptimizationRunner runner = new LocalOptimizationRunner(configuration,
                    new MultiLayerNetworkTaskCreator(null, new KFacTaskListener()));   // attaches K-FAC if used
            runner.execute();
            for (ResultReference result : runner.getResults()) {
                if (result.getResult().getIndex() == runner.bestScoreCandidateIndex()) {
                    return result.getResult();
                }
            }
            throw new IllegalStateException("no candidate finished: " + runner.getCandidateStatus());
        }
        // end::search[]
    }

    private static ContinuousParameterSpace logUniform(double min, double max) {
        return new ContinuousParameterSpace(new LogUniformDistribution(min, max));
    }
}
