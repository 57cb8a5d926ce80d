package org.precis.pc.generative;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.precis.pc.layers.RelaxationDivergedException;
import org.precis.pc.params.PcParamInitializer;
import org.precis.pc.precision.LevelPrecision;

/**
 * Implementation of {@link GenerativePcLayer}; created by its {@code instantiate(...)}.
 *
 * <p>Pretraining ({@code net.pretrain(iter)}, which calls this layer's {@code fit}): {@link #computeGradientAndScore}
 * infers the latents of the batch by relaxation from the prior and writes the local gradients of the energy into
 * the gradient views; the score is the relaxed energy per example. Inference ({@link #activate}) relaxes the same
 * way and returns the latents of the configured embedding levels.
 *
 * <p>Public API beyond DL4J's: {@link #inferLatents} (every level, optionally warm-started), {@link #embedding},
 * {@link #reconstruct}, {@link #generate}, {@link #lastEnergyTrace()} and {@link #currentVariances(int)} (both
 * collected by {@link org.precis.pc.stats.GenerativePcStatisticsListener}). Latent
 * values are per-batch state in preallocated buffers, never parameters. Masks are not supported. Not
 * thread-safe (like every DL4J layer).
 */
public class GenerativePcLayerImpl extends BaseLayer<GenerativePcLayer> {

    private static final long serialVersionUID = 1L;
    /** Batch sizes whose buffers are kept (training, last batch of an epoch, inference, one spare). */
    private static final int CACHED_BATCH_SIZES = 4;

    /** Buffers by batch size, most recently used last. */
    private transient Map<Long, GenerativeRelaxation> relaxations;
    /** Buffers of the last relaxation, for statistics. */
    private transient GenerativeRelaxation lastRelaxed;

    /**
     * @param conf network-level configuration holding a {@link GenerativePcLayer}
     * @param dataType network data type
     */
    public GenerativePcLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private GenerativeRelaxation relaxation(long batch) {
        if (relaxations == null) {
            relaxations = new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, GenerativeRelaxation> eldest) {
                    return size() > CACHED_BATCH_SIZES;
                }
            };
        }
        return relaxations.computeIfAbsent(batch, b -> new GenerativeRelaxation(layerConf(), b, dataType));
    }

    private INDArray checkedData(INDArray data) {
        if (maskArray != null) {
            throw new DL4JInvalidInputException("Mask arrays are not supported " + layerId());
        }
        INDArray in = data.castTo(dataType);
        long nIn = layerConf().getNIn();
        if (in.rank() != 2 || in.size(1) != nIn) {
            throw new DL4JInvalidInputException("Invalid feature shape " + Arrays.toString(in.shape())
                    + ": expected [minibatch, " + nIn + "] " + layerId());
        }
        if (BooleanIndexing.or(in, Conditions.notFinite())) {
            throw new DL4JInvalidInputException("Features contain NaN or infinite values " + layerId());
        }
        return in;
    }

    /** Relaxes the latents of {@code data} from the prior or from {@code warmStart}; returns the buffers used. */
    private GenerativeRelaxation infer(INDArray data, INDArray[] warmStart, boolean training) {
        INDArray in = checkedData(data);
        GenerativeRelaxation r = relaxation(in.size(0));
        r.bind(in, paramTable());
        if (warmStart == null) {
            r.startFromPrior(training);
        } else {
            checkWarmStart(warmStart, in.size(0));
            r.startFrom(warmStart, training);
        }
        r.relax(training, layerId());
        lastRelaxed = r;
        return r;
    }

    private void checkWarmStart(INDArray[] warmStart, long batch) {
        GenerativePcLayer c = layerConf();
        if (warmStart.length != c.topLevel()) {
            throw new IllegalArgumentException("Warm start needs " + c.topLevel() + " latent arrays (levels 1.."
                    + c.topLevel() + "), got " + warmStart.length + " " + layerId());
        }
        for (int l = 1; l <= c.topLevel(); l++) {
            INDArray v = warmStart[l - 1];
            if (v == null || v.rank() != 2 || v.size(0) != batch || v.size(1) != c.levelSize(l)) {
                throw new IllegalArgumentException("Warm start of level " + l + " must have shape [" + batch + ", "
                        + c.levelSize(l) + "], got " + (v == null ? "null" : Arrays.toString(v.shape())) + " "
                        + layerId());
            }
        }
    }

    /**
     * Infers the latents of the current input and writes the local gradients of the energy into the gradient
     * views; the score is the relaxed energy per example plus the regularisation penalty.
     *
     * @param workspaceMgr workspace manager of the caller
     * @throws RelaxationDivergedException if the energy of a level becomes non-finite
     */
    @Override
    public void computeGradientAndScore(LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        GenerativeRelaxation r = infer(input, null, true);
        r.writeGradients(gradientViews);
        Gradient grad = new DefaultGradient(gradientsFlattened);
        for (String key : GenerativePcParamInitializer.getInstance().paramKeys(layerConf())) {
            grad.gradientForVariable().put(key, gradientViews.get(key));
        }
        this.gradient = grad;
        this.score = r.finalEnergy() + calcRegularizationScore(false);
    }

    /**
     * Inferred latents of the input's embedding levels, concatenated in the configured order.
     *
     * @param training whether activations run in training mode
     * @param workspaceMgr workspace manager of the network
     * @return [batch, nOut] in the activations workspace
     */
    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        GenerativeRelaxation r = infer(input, null, training);
        GenerativePcLayer c = layerConf();
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {input.size(0), c.embeddingSize()}, 'c');
        long offset = 0;
        for (int l : c.getEmbeddingLevels()) {
            long n = c.levelSize(l);
            out.get(NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + n)).assign(r.value(l));
            offset += n;
        }
        return out;
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activate(training, workspaceMgr);
    }

    /**
     * Supervised backpropagation through this layer: its parameters are pretrain parameters, so their gradients
     * are zero, and with no encoder to differentiate the epsilon handed down is zero too.
     *
     * @param epsilon gradient with respect to the embedding (ignored)
     * @param workspaceMgr workspace manager of the network
     * @return zero gradients and a zero epsilon [batch, nIn]
     */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Gradient grad = new DefaultGradient(gradientsFlattened);
        for (Map.Entry<String, INDArray> entry : gradientViews.entrySet()) {
            entry.getValue().assign(0.0);
            grad.gradientForVariable().put(entry.getKey(), entry.getValue());
        }
        INDArray epsOut = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType,
                new long[] {input.size(0), layerConf().getNIn()}, 'c');
        return new Pair<>(grad, epsOut);
    }

    /** Projects the precision parameters into the variance floor and ceiling after each update. */
    @Override
    public void applyConstraints(int iteration, int epoch) {
        super.applyConstraints(iteration, epoch);
        GenerativePcLayer c = layerConf();
        for (int l = 0; l <= c.topLevel(); l++) {
            INDArray s = getParam(PcParamInitializer.precisionKey(l));
            if (s != null) {
                LevelPrecision.project(c.levelPrecision(l), s, c.getVarianceFloor(), c.getVarianceCeiling());
            }
        }
    }

    /** Also hands the listeners to the pretraining solver, which DL4J creates once and would otherwise keep. */
    @Override
    public void setListeners(Collection<TrainingListener> listeners) {
        super.setListeners(listeners);
        if (solver != null) {
            solver.setListeners(getListeners());
        }
    }

    /** Also hands the listeners to the pretraining solver, which DL4J creates once and would otherwise keep. */
    @Override
    public void setListeners(TrainingListener... listeners) {
        super.setListeners(listeners);
        if (solver != null) {
            solver.setListeners(getListeners());
        }
    }

    @Override
    public boolean isPretrainLayer() {
        return true;
    }

    @Override
    public boolean hasBias() {
        return true;
    }

    /**
     * Infers the latents of every level for {@code data} by T relaxation steps from the prior.
     *
     * @param data images, [batch, nIn] (not modified)
     * @return x_1..x_L (index 0 holding level 1), fresh arrays
     */
    public INDArray[] inferLatents(INDArray data) {
        return inferLatents(data, null);
    }

    /**
     * Infers the latents of every level for {@code data} by T relaxation steps, starting from {@code warmStart}
     * (for example latents inferred for the same images before) instead of the prior.
     *
     * @param data images, [batch, nIn] (not modified)
     * @param warmStart starting latents x_1..x_L, index 0 holding level 1, or null for the prior (not modified)
     * @return x_1..x_L (index 0 holding level 1), fresh arrays
     */
    public INDArray[] inferLatents(INDArray data, INDArray[] warmStart) {
        GenerativeRelaxation r = infer(data, warmStart, false);
        INDArray[] out = new INDArray[layerConf().topLevel()];
        for (int l = 1; l <= out.length; l++) {
            out[l - 1] = r.value(l).dup();
        }
        return out;
    }

    /**
     * Embedding of {@code data} at one level: its inferred latents there.
     *
     * @param data images, [batch, nIn] (not modified)
     * @param level level in [1, L]
     * @return x_level, [batch, n_level], a fresh array
     */
    public INDArray embedding(INDArray data, int level) {
        checkLevel(level);
        return infer(data, null, false).value(level).dup();
    }

    /**
     * Reconstruction of {@code data}: its latents are inferred, then the top-down sweep from the top level's
     * latent predicts every level below down to the data.
     *
     * @param data images, [batch, nIn] (not modified)
     * @return the reconstruction, [batch, nIn], a fresh array
     */
    public INDArray reconstruct(INDArray data) {
        return reconstruct(data, layerConf().topLevel());
    }

    /**
     * Reconstruction of {@code data} through one level: its latents are inferred, then the top-down sweep runs
     * from that level's latent. Level 1 gives the data prediction of the relaxed state; the top level the
     * reconstruction that goes through the whole hierarchy.
     *
     * @param data images, [batch, nIn] (not modified)
     * @param fromLevel level in [1, L] the sweep starts at
     * @return the reconstruction, [batch, nIn], a fresh array
     */
    public INDArray reconstruct(INDArray data, int fromLevel) {
        checkLevel(fromLevel);
        INDArray latent = infer(data, null, false).value(fromLevel);
        return GenerativeRelaxation.sweepDown(layerConf(), paramTable(), fromLevel, latent);
    }

    /**
     * Generates data from top-level latents by the top-down sweep (no relaxation).
     *
     * @param topLatent x_L, [batch, n_L] (not modified)
     * @return the prediction of the data, [batch, nIn], a fresh array
     */
    public INDArray generate(INDArray topLatent) {
        GenerativePcLayer c = layerConf();
        if (topLatent.rank() != 2 || topLatent.size(1) != c.levelSize(c.topLevel())) {
            throw new IllegalArgumentException("Top-level latents must have shape [batch, "
                    + c.levelSize(c.topLevel()) + "], got " + Arrays.toString(topLatent.shape()) + " " + layerId());
        }
        return GenerativeRelaxation.sweepDown(c, paramTable(), c.topLevel(), topLatent.castTo(dataType));
    }

    private void checkLevel(int level) {
        if (level < 1 || level > layerConf().topLevel()) {
            throw new IllegalArgumentException("Level must lie in [1, " + layerConf().topLevel() + "], got " + level
                    + " " + layerId());
        }
    }

    /**
     * Energy of each level across the last relaxation, mean per example: {@code trace[t][l]} for level l (0 = the
     * data, L = the prior) after step t (0 = the starting point). A copy; empty before the first relaxation.
     *
     * @return [steps taken + 1][L + 1]
     */
    public double[][] lastEnergyTrace() {
        if (lastRelaxed == null) {
            return new double[0][];
        }
        double[][] full = lastRelaxed.trace();
        double[][] out = new double[lastRelaxed.stepsTaken() + 1][];
        for (int t = 0; t < out.length; t++) {
            out[t] = full[t].clone();
        }
        return out;
    }

    /**
     * Current variances (diagonal of Sigma = Pi^-1) of a level; all ones for a level without precision.
     *
     * @param level level in [0, L]: 0 is the data, L the top's prior
     * @return one variance per unit, a fresh array
     */
    public double[] currentVariances(int level) {
        GenerativePcLayer c = layerConf();
        return new LevelPrecision(c.levelPrecision(level), c.levelSize(level), DataType.DOUBLE)
                .variances(getParam(PcParamInitializer.precisionKey(level)));
    }
}
