package org.precis.natgrad.estimator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.nn.gradient.Gradient;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.precis.natgrad.config.FisherType;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.memory.ScratchMemory;

/**
 * The curvature of one network: a {@link LayerCurvature} per preconditioned layer, and the step policy of
 * {@link KFac} (update periods, damping, weight decay, KL clip).
 *
 * <p>Call order per training step: the wrappers {@link LayerCurvature#record} during backprop when
 * {@link #curvatureDue()}; then {@link #precondition} rewrites the gradient in place, once, before the updater.
 * The step counter starts at 0 when the estimator is created, so the first step always estimates the curvature
 * and its inverse. {@link #state} and {@link #restoreState} carry the whole curvature (step counter, every block's
 * factors and inverses) across a checkpoint, so that training resumed from them takes exactly the steps an
 * uninterrupted run would.
 */
public final class KFacEstimator {

    /** Key of the step counter in {@link #state()}. */
    public static final String STEP_KEY = "step";
    private static final String LAYER_PREFIX = "layer";
    private static final String INVERTED_KEY = "inverted";
    /** Prefix of the step rule's state in {@link #state()}. */
    private static final String RULE_PREFIX = "rule.";

    private final List<LayerCurvature> layers;
    private final KFac global;
    private final Set<LayerCurvature> inverted = new HashSet<>();
    private StepRule stepRule;
    private long step;

    /**
     * @param layers the preconditioned layers, at least one; periods, Fisher type and KL clip come from the first
     */
    public KFacEstimator(List<LayerCurvature> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("K-FAC needs at least one preconditioned layer");
        }
        this.layers = List.copyOf(layers);
        this.global = layers.get(0).config();
    }

    /** @return the preconditioned layers, in network order */
    public List<LayerCurvature> layers() {
        return layers;
    }

    /** @return the number of completed steps since the estimator was created */
    public long step() {
        return step;
    }

    /**
     * The whole curvature, by name, for a checkpoint: {@value #STEP_KEY} (the step counter), and per preconditioned
     * layer {@code i} (network order) {@code layer<i>.<name>} for each array of its block's
     * {@link org.precis.natgrad.blocks.CurvatureBlock#state()} and {@code layer<i>.inverted} (whether it has an
     * inverse), and {@code rule.<name>} for the state of a {@link StepRule} in use. Copies, outside any workspace.
     */
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            state.put(STEP_KEY, Nd4j.scalar(DataType.LONG, step));
            for (int i = 0; i < layers.size(); i++) {
                LayerCurvature layer = layers.get(i);
                String prefix = LAYER_PREFIX + i + ".";
                layer.block().state().forEach((key, array) -> state.put(prefix + key, array));
                state.put(prefix + INVERTED_KEY, Nd4j.scalar(DataType.LONG, inverted.contains(layer) ? 1L : 0L));
            }
            if (stepRule != null) {
                stepRule.state().forEach((key, array) -> state.put(RULE_PREFIX + key, array));
            }
        }
        return state;
    }

    /**
     * Restores a curvature saved by {@link #state} from an estimator of the same network; recorded statistics not
     * yet folded in are dropped.
     *
     * @param state the arrays by name; copied, not modified
     * @throws IllegalArgumentException when the state does not belong to a network of this shape
     */
    public void restoreState(Map<String, INDArray> state) {
        INDArray savedStep = state.get(STEP_KEY);
        if (savedStep == null) {
            throw new IllegalArgumentException("Saved K-FAC curvature has no '" + STEP_KEY + "' entry");
        }
        for (String key : state.keySet()) {
            if (key.startsWith(LAYER_PREFIX)) {
                int index = Integer.parseInt(key.substring(LAYER_PREFIX.length(), key.indexOf('.')));
                if (index >= layers.size()) {
                    throw new IllegalArgumentException("Saved K-FAC curvature holds preconditioned layer " + index
                            + ", this network has " + layers.size());
                }
            }
        }
        inverted.clear();
        for (int i = 0; i < layers.size(); i++) {
            LayerCurvature layer = layers.get(i);
            String prefix = LAYER_PREFIX + i + ".";
            Map<String, INDArray> blockState = new LinkedHashMap<>();
            state.forEach((key, array) -> {
                if (key.startsWith(prefix) && !key.equals(prefix + INVERTED_KEY)) {
                    blockState.put(key.substring(prefix.length()), array);
                }
            });
            layer.block().restoreState(blockState);
            layer.discardPending();
            INDArray wasInverted = state.get(prefix + INVERTED_KEY);
            if (wasInverted != null && wasInverted.getDouble(0) != 0.0) {
                inverted.add(layer);
            }
        }
        if (stepRule != null) {
            Map<String, INDArray> rule = new LinkedHashMap<>();
            state.forEach((key, array) -> {
                if (key.startsWith(RULE_PREFIX)) {
                    rule.put(key.substring(RULE_PREFIX.length()), array);
                }
            });
            stepRule.restoreState(rule);
        }
        step = savedStep.getLong(0);
    }

    /** @return whether the current step updates the curvature, i.e. whether wrappers should record statistics */
    public boolean curvatureDue() {
        return step % global.getCurvatureUpdatePeriod() == 0;
    }

    /**
     * @param rule chooses the damping and the whole step in place of the KL clip and the updater's learning rate and
     *             momentum (adaptive mode), or null for the fixed policy of {@link KFac}
     */
    public void useStepRule(StepRule rule) {
        this.stepRule = rule;
    }

    /** @return the Fisher type of the whole network */
    public FisherType fisherType() {
        return global.getFisherType();
    }

    /**
     * Replaces every preconditioned layer's gradient, in place, by its damped and KL-clipped natural gradient, and
     * advances the step counter.
     *
     * @param gradient      the network's gradient; the views of preconditioned layers are overwritten
     * @param iteration     iteration count, for learning-rate schedules
     * @param epoch         epoch count, for learning-rate schedules
     * @param gradientScale what the gradient is summed over: the batch size when DL4J divides by it later
     *                      (mini-batch mode), else 1; the natural gradient is computed from the mean gradient
     * @throws ArithmeticException naming the layer when a factor, an inverse or a natural gradient is not finite
     */
    public void precondition(Gradient gradient, int iteration, int epoch, double gradientScale) {
        // Every temporary of the step lives in a reused workspace; the blocks keep their state outside it.
        try (MemoryWorkspace ignored = ScratchMemory.open(ScratchMemory.PRECONDITION)) {
            preconditionInScratch(gradient, iteration, epoch, gradientScale);
        } finally {
            for (LayerCurvature layer : layers) {
                layer.discardGradientFactors();
            }
        }
        step++;
    }

    private void preconditionInScratch(Gradient gradient, int iteration, int epoch, double gradientScale) {
        boolean updateCurvature = curvatureDue();
        boolean updateInverse = step % global.getInverseUpdatePeriod() == 0;
        for (LayerCurvature layer : layers) {
            if (updateCurvature && layer.hasPending()) {
                layer.commit();
            }
            layer.discardPending();
            // A layer whose first statistics arrive between inverse updates gets its first inverse at once.
            if ((updateInverse || !inverted.contains(layer)) && layer.block().hasCurvature()) {
                layer.block().updateInverse(stepRule != null ? stepRule.damping() : layer.config().getDamping());
                inverted.add(layer);
            }
        }

        if (stepRule != null) {
            applyStepRule(gradient, gradientScale);
            return;
        }

        // The gradient is a sum over the batch (gradientScale examples). Its natural gradient is computed as it is,
        // and the mean's follows by linearity, except with weight decay, which is added to the mean.
        INDArray[] naturalWeightParts = new INDArray[layers.size()];
        INDArray[] naturalBiasParts = new INDArray[layers.size()];
        double[] writeScales = new double[layers.size()];
        double klSum = 0.0;
        for (int i = 0; i < layers.size(); i++) {
            LayerCurvature layer = layers.get(i);
            if (!layer.block().hasCurvature()) {
                continue;
            }
            INDArray weights = layer.weightGradient(gradient);
            INDArray bias = layer.biasGradient(gradient);
            double sumScale = gradientScale;
            double weightDecay = layer.config().getWeightDecay();
            if (weightDecay > 0.0) {
                weights = weights.div(gradientScale).addi(layer.weights(weights.dataType()).muli(weightDecay));
                bias = bias.div(gradientScale);
                sumScale = 1.0;
            }
            INDArray naturalWeights = Nd4j.createUninitialized(weights.dataType(), weights.shape(), weights.ordering());
            INDArray naturalBias = Nd4j.createUninitialized(bias.dataType(), bias.shape(), bias.ordering());
            // The factors describe the raw gradient, not the mean with weight decay.
            if (layer.hasGradientFactors() && weightDecay == 0.0
                    && layer.factorInputs().dataType() == weights.dataType()) {
                layer.block().multiplyInverseOfProduct(layer.factorInputs(), layer.factorOutputGradients(),
                        naturalWeights, naturalBias);
            } else {
                layer.block().multiplyInverse(weights, bias, naturalWeights, naturalBias);
            }
            double inner = (dot(naturalWeights, weights) + dot(naturalBias, bias)) / (sumScale * sumScale);
            requireFinite(inner, layer);
            double lr = layer.config().getLearningRate(iteration, epoch);
            klSum += lr * lr * inner;
            naturalWeightParts[i] = naturalWeights;
            naturalBiasParts[i] = naturalBias;
            writeScales[i] = gradientScale / sumScale;
        }

        double klScale = klScale(klSum);
        for (int i = 0; i < layers.size(); i++) {
            if (naturalWeightParts[i] != null) {
                layers.get(i).writeGradient(gradient, naturalWeightParts[i], naturalBiasParts[i],
                        klScale * writeScales[i]);
            }
        }
    }

    /**
     * The adaptive mode: the step rule sees every layer's mean gradient and natural gradient as parameter matrices
     * {@code [dW; db]} and chooses the whole step.
     */
    private void applyStepRule(Gradient gradient, double gradientScale) {
        List<INDArray> means = new ArrayList<>(layers.size());
        List<INDArray> naturals = new ArrayList<>(layers.size());
        for (LayerCurvature layer : layers) {
            INDArray mean = layer.gradientMatrix(gradient).divi(gradientScale);
            means.add(mean);
            if (!layer.block().hasCurvature()) {
                naturals.add(null);
                continue;
            }
            double weightDecay = layer.config().getWeightDecay();
            if (weightDecay > 0.0) {
                INDArray w = layer.weights(mean.dataType());
                mean.get(NDArrayIndex.interval(0, w.rows()), NDArrayIndex.all()).addi(w.muli(weightDecay));
            }
            INDArray natural = layer.block().multiplyInverse(mean);
            requireFinite(natural.mul(mean).sumNumber().doubleValue(), layer);
            naturals.add(natural);
        }
        List<INDArray> steps = stepRule.steps(means, naturals);
        for (int i = 0; i < layers.size(); i++) {
            if (steps.get(i) != null) {
                layers.get(i).writeGradient(gradient, steps.get(i).mul(gradientScale));
            }
        }
    }

    /** @throws ArithmeticException naming the layer when {@code inner}, a natural gradient's inner product, is not */
    private static void requireFinite(double inner, LayerCurvature layer) {
        if (!Double.isFinite(inner)) {
            throw new ArithmeticException("K-FAC natural gradient of " + layer.description() + " is not finite");
        }
    }

    /** @return the sum of {@code a * b} over all elements of two arrays of one shape and layout */
    private static double dot(INDArray a, INDArray b) {
        return Nd4j.getExecutioner().exec(new Dot(a, b)).getDouble(0);
    }

    /** @return {@code min(1, sqrt(kappa / klSum))}, or 1 when clipping is off or the sum is not positive */
    double klScale(double klSum) {
        double kappa = global.getKlClip();
        if (kappa <= 0.0 || klSum <= 0.0) {
            return 1.0;
        }
        return Math.min(1.0, Math.sqrt(kappa / klSum));
    }
}
