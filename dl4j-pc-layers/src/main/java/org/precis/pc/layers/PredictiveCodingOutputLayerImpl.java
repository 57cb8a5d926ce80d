package org.precis.pc.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;
import org.precis.natgrad.blocks.FiniteValues;
import org.precis.pc.conf.InferenceMode;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.WeightPreconditioner;
import org.precis.pc.params.PcParamInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Implementation of {@link PredictiveCodingOutputLayer}; created by its {@code instantiate(...)}.
 *
 * <p>In a network's {@code fit}: {@link #backpropGradient} runs the feed-forward sweep, relaxes the hidden
 * values with the top clamped to the labels, writes the local gradients of the energy into the gradient views
 * and returns dF/dx_0 as the epsilon for the layers below. {@link #computeScore} reports the top-level energy of
 * the feed-forward prediction (the loss an equivalent {@code OutputLayer} would report, without Gaussian
 * normalising constants), so scores are comparable across training schemes; the relaxed energies are in
 * {@link #lastEnergyTrace()}.
 *
 * <p>Latent values are per-batch state held in preallocated buffers, never parameters. Weight noise and masks
 * are not supported. Not thread-safe (like every DL4J layer).
 */
public class PredictiveCodingOutputLayerImpl extends AbstractPcLayer<PredictiveCodingOutputLayer>
        implements IOutputLayer {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PredictiveCodingOutputLayerImpl.class);

    /** Labels of the current batch, set by the network before backprop. */
    private INDArray labels;
    /** Feed-forward loss of the last training batch, reused by computeScore for that same batch. */
    private double lastTrainingScore;
    private transient INDArray scoredInput;
    private transient INDArray scoredLabels;
    /** Prefix of a level's Kronecker weight step in {@link #trainingState()}. */
    private static final String LEVEL_PREFIX = "level";
    /** Kronecker weight steps of natural-gradient PC, by predicted level; null until needed. */
    private transient KroneckerWeightStep[] kroneckerSteps;
    /** Regularisation score of the whole network, added to this layer's score as DL4J's output layers do. */
    private double fullNetRegTerm;

    /**
     * @param conf network-level configuration holding a {@link PredictiveCodingOutputLayer}
     * @param dataType network data type
     */
    public PredictiveCodingOutputLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    Wiring createWiring() {
        return Wiring.supervised(layerConf());
    }

    /** @return the weights' learning rate this iteration, or 1 when their updater has none */
    private double weightLearningRate() {
        IUpdater updater = layerConf().getUpdaterByParam(PcParamInitializer.weightKey(1));
        return updater != null && updater.hasLearningRate()
                ? updater.getLearningRate(conf().getIterationCount(), conf().getEpochCount()) : 1.0;
    }

    /** The Kronecker weight step of each prediction, created on the first batch that needs them. */
    private KroneckerWeightStep[] kroneckerSteps() {
        if (kroneckerSteps == null) {
            PredictiveCodingOutputLayer c = layerConf();
            kroneckerSteps = new KroneckerWeightStep[c.numLevels() + 1];
            for (int l = 1; l <= c.numLevels(); l++) {
                kroneckerSteps[l] = new KroneckerWeightStep(c.levelSize(l - 1), c.levelSize(l),
                        c.getKroneckerDamping(), c.getKroneckerDecay(), c.getKroneckerInversePeriod(),
                        "level " + l + " of " + layerId());
            }
        }
        return kroneckerSteps;
    }

    /**
     * What this layer keeps between batches outside its parameters, for checkpoints: its relaxation counts
     * ({@link #relaxations()}, {@link #relaxationSteps()}, {@link #energyRises()}) and, for natural-gradient PC, per
     * level {@code l} the Kronecker factors, damped factors, inverses and batch counter of its weight step, named
     * {@code level<l>.<name>}. {@link #restoreTrainingState} on the same layer of a restored network continues exactly
     * as this one would.
     *
     * @return copies of the arrays, by name
     */
    public Map<String, INDArray> trainingState() {
        Map<String, INDArray> state = new LinkedHashMap<>(countsState());
        if (kroneckerSteps != null) {
            for (int l = 1; l < kroneckerSteps.length; l++) {
                String prefix = LEVEL_PREFIX + l + ".";
                kroneckerSteps[l].state().forEach((key, array) -> state.put(prefix + key, array));
            }
        }
        return state;
    }

    /**
     * Restores a state from {@link #trainingState()} of this layer in the network that was saved.
     *
     * @param state the arrays by name (copied, not modified)
     * @throws IllegalArgumentException when an array does not fit this layer's level sizes
     */
    public void restoreTrainingState(Map<String, INDArray> state) {
        restoreCounts(state);
        if (state.keySet().stream().noneMatch(k -> k.startsWith(LEVEL_PREFIX))) {
            return;
        }
        KroneckerWeightStep[] steps = kroneckerSteps();
        for (int l = 1; l < steps.length; l++) {
            String prefix = LEVEL_PREFIX + l + ".";
            Map<String, INDArray> level = new LinkedHashMap<>();
            state.forEach((key, array) -> {
                if (key.startsWith(prefix)) {
                    level.put(key.substring(prefix.length()), array);
                }
            });
            steps[l].restoreState(level);
        }
    }

    private INDArray checkedInput(LayerWorkspaceMgr workspaceMgr, boolean training) {
        assertInputSet(training);
        applyDropOutIfNecessary(training, workspaceMgr);
        return checkedFeatures(flattenedImage(input));
    }

    /**
     * An NCHW image batch [batch, channels, height, width] matching the configured {@code inputShape}, flattened as
     * DL4J's {@code CnnToFeedForwardPreProcessor} would; any other input as it is.
     */
    private INDArray flattenedImage(INDArray features) {
        int[] shape = layerConf().getInputShape();
        if (features.rank() == 4 && shape != null && features.size(1) == shape[0] && features.size(2) == shape[1]
                && features.size(3) == shape[2]) {
            return features.reshape('c', features.size(0), layerConf().getNIn());
        }
        return features;
    }

    private INDArray checkedLabels(long batch) {
        if (labels == null) {
            throw new IllegalStateException("Labels are not set " + layerId());
        }
        INDArray y = labels.castTo(dataType);
        long nOut = layerConf().getNOut();
        if (y.rank() != 2 || y.size(1) != nOut || y.size(0) != batch) {
            throw new DL4JInvalidInputException("Invalid label shape " + Arrays.toString(y.shape())
                    + ": expected [" + batch + ", " + nOut + "] (label width must equal nOut) " + layerId());
        }
        if (!FiniteValues.all(y)) {
            throw new DL4JInvalidInputException("Labels contain NaN or infinite values " + layerId());
        }
        return y;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray in = checkedInput(workspaceMgr, training);
        if (!training && layerConf().getInferenceMode() == InferenceMode.RELAXED) {
            Relaxation h = relaxation(in.size(0));
            h.bind(in, null, paramTable());
            h.startFromZero(false);
            h.relax(false, layerId());
            relaxed(h);
            return workspaceMgr.dup(ArrayType.ACTIVATIONS, h.value(layerConf().numLevels()));
        }
        if (training) {
            Relaxation h = relaxation(in.size(0));
            h.bind(in, null, paramTable());
            h.sweep(true);
            return workspaceMgr.dup(ArrayType.ACTIVATIONS, h.prediction());
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {in.size(0), layerConf().getNOut()}, 'c');
        sweepInParts(in, null, (h, rows) -> rows.apply(out).assign(h.prediction()));
        return out;
    }

    /** What to do with one part's feed-forward sweep: {@code rows} selects the part's rows of a batch array. */
    private interface PartSweep {
        void done(Relaxation h, UnaryOperator<INDArray> rows);
    }

    /**
     * The feed-forward sweep of a batch in parts of at most {@link #inferenceRows} rows, each through buffers for
     * its own number of rows, so that a batch larger than one the layer already has buffers for (evaluation after
     * training) reuses them: each example's prediction depends on its own row only.
     *
     * @param in     the input, [batch, nIn]
     * @param labels the labels to clamp the top to ([batch, nOut]), or null
     * @param part   called after each part's sweep
     */
    private void sweepInParts(INDArray in, INDArray labels, PartSweep part) {
        long batch = in.size(0);
        long rows = inferenceRows(batch);
        for (long start = 0; start < batch; start += rows) {
            long from = start;
            long to = Math.min(batch, from + rows);
            UnaryOperator<INDArray> select = rows == batch ? a -> a
                    : a -> a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            Relaxation h = relaxation(to - from);
            h.bind(select.apply(in), labels == null ? null : select.apply(labels), paramTable());
            h.sweep(false);
            part.done(h, select);
        }
    }

    /**
     * Relaxes the hierarchy on the current input and labels and writes the local gradients into the gradient
     * views.
     *
     * @param epsilon null in DL4J's backprop of an output layer; an error signal from above means the layer is not
     *                the network's last, which is refused
     * @param workspaceMgr workspace manager of the network
     * @return the gradients and dF/dx_0 for the layers below
     */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (labels == null && epsilon != null) {
            // DL4J hands an error signal from above only to a layer that is not the network's output.
            throw new DL4JInvalidInputException("PredictiveCodingOutputLayer is not the network's last layer "
                    + layerId() + ": it is an output layer (its top level is clamped to the labels) and holds a whole "
                    + "PC hierarchy, so stacking two does not make a deeper one. Use one PredictiveCodingOutputLayer, "
                    + "last, with every hidden size in it: hiddenLayerSizes(256, 256).");
        }
        INDArray in = checkedInput(workspaceMgr, true);
        long batch = in.size(0);
        INDArray y = checkedLabels(batch);
        Relaxation h = relaxation(batch);
        h.bind(in, y, paramTable());
        h.sweep(true);
        h.captureFeedForwardResidual();
        lastTrainingScore = batchScore(h.topEnergyPerExample(y));
        scoredInput = input;
        scoredLabels = labels;
        h.relax(true, layerId());
        relaxed(h);
        h.writeGradients(paramTable(), gradientViews, layerId());
        if (layerConf().getWeightPreconditioner() == WeightPreconditioner.KRONECKER) {
            h.preconditionWeights(kroneckerSteps(), paramTable(), gradientViews, layerConf().getKroneckerKlClip(),
                    weightLearningRate());
        }

        Gradient grad = gradientOfViews();

        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[] {batch, layerConf().getNIn()}, 'c');
        h.epsilon(epsOut);
        if (input.rank() == 4) {
            epsOut = epsOut.reshape('c', input.shape());
        }
        return new Pair<>(grad, backpropDropOutIfPresent(epsOut));
    }

    @Override
    public void computeGradientAndScore(LayerWorkspaceMgr workspaceMgr) {
        if (input == null || labels == null) {
            return;
        }
        backpropGradient(null, workspaceMgr);
        score = computeScore(fullNetRegTerm, true, workspaceMgr);
    }

    @Override
    public double computeScore(double fullNetworkRegScore, boolean training, LayerWorkspaceMgr workspaceMgr) {
        this.fullNetRegTerm = fullNetworkRegScore;
        double loss;
        if (input == scoredInput && labels == scoredLabels && scoredInput != null) {
            loss = lastTrainingScore;
        } else {
            loss = batchScore(feedForwardLoss(workspaceMgr));
        }
        score = loss + fullNetworkRegScore;
        return score;
    }

    /** Mean over the batch, or the sum when the network is not in minibatch mode (as DL4J's output layers). */
    private double batchScore(INDArray perExample) {
        double sum = perExample.sumNumber().doubleValue();
        return conf().isMiniBatch() ? sum / perExample.size(0) : sum;
    }

    private INDArray feedForwardLoss(LayerWorkspaceMgr workspaceMgr) {
        INDArray in = checkedInput(workspaceMgr, false);
        INDArray y = checkedLabels(in.size(0));
        INDArray perExample = Nd4j.create(dataType, in.size(0), 1);
        sweepInParts(in, y, (h, rows) -> rows.apply(perExample).assign(h.topEnergyPerExample(rows.apply(y))));
        return perExample;
    }

    @Override
    public INDArray computeScoreForExamples(double fullNetworkRegScore, LayerWorkspaceMgr workspaceMgr) {
        INDArray perExample = feedForwardLoss(workspaceMgr);
        if (fullNetworkRegScore != 0.0) {
            perExample.addi(fullNetworkRegScore);
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, perExample);
    }

    /**
     * Hidden values x_1 .. x_{L-1} after the last relaxation (training batch or relaxed inference): the
     * representation PC settled on. Copies; the top value is not included (after training it is the labels). A
     * later forward pass with the same batch size overwrites the buffers they are copied from.
     *
     * @return one [batch, n_l] array per hidden level, index 0 holding level 1; empty before the first batch
     */
    public INDArray[] lastHiddenValues() {
        Relaxation lastRelaxed = lastRelaxed();
        if (lastRelaxed == null) {
            return new INDArray[0];
        }
        INDArray[] out = new INDArray[layerConf().numLevels() - 1];
        for (int l = 1; l <= out.length; l++) {
            out[l - 1] = lastRelaxed.value(l).dup();
        }
        return out;
    }

    @Override
    public boolean needsLabels() {
        return true;
    }

    @Override
    public void setLabels(INDArray labels) {
        this.labels = labels;
    }

    @Override
    public INDArray getLabels() {
        return labels;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clear() {
        super.clear();
        labels = null;
        scoredInput = null;
        scoredLabels = null;
        fullNetRegTerm = 0.0;
    }

    @Override
    public double f1Score(DataSet data) {
        return f1Score(data.getFeatures(), data.getLabels());
    }

    @Override
    public double f1Score(INDArray examples, INDArray labels) {
        Evaluation eval = new Evaluation();
        eval.eval(labels, activate(examples, false, LayerWorkspaceMgr.noWorkspacesImmutable()));
        return eval.f1();
    }

    @Override
    public int numLabels() {
        return (int) layerConf().getNOut();
    }

    @Override
    public void fit(DataSetIterator iter) {
        throw new UnsupportedOperationException("Train the layer inside a MultiLayerNetwork or ComputationGraph "
                + layerId());
    }

    @Override
    public int[] predict(INDArray examples) {
        return activate(examples, false, LayerWorkspaceMgr.noWorkspacesImmutable()).argMax(1).toIntVector();
    }

    @Override
    public List<String> predict(DataSet dataSet) {
        List<String> out = new ArrayList<>();
        for (int i : predict(dataSet.getFeatures())) {
            out.add(dataSet.getLabelName(i));
        }
        return out;
    }

    @Override
    public void fit(INDArray examples, INDArray labels) {
        throw new UnsupportedOperationException("Train the layer inside a MultiLayerNetwork or ComputationGraph "
                + layerId());
    }

    @Override
    public void fit(DataSet data) {
        throw new UnsupportedOperationException("Train the layer inside a MultiLayerNetwork or ComputationGraph "
                + layerId());
    }

    @Override
    public void fit(INDArray examples, int[] labels) {
        throw new UnsupportedOperationException("Train the layer inside a MultiLayerNetwork or ComputationGraph "
                + layerId());
    }

    @Override
    public void fit(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException("Train the layer inside a MultiLayerNetwork or ComputationGraph "
                + layerId());
    }

}
