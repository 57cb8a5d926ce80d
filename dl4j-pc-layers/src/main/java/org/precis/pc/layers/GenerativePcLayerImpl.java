package org.precis.pc.layers;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.conf.GenerativeStart;
import org.precis.pc.params.PcParamInitializer;

/**
 * Implementation of {@link GenerativePcLayer}; created by its {@code instantiate(...)}.
 *
 * <p>Pretraining ({@code net.pretrain(iter)}, which calls this layer's {@code fit}): {@link #computeGradientAndScore}
 * infers the latents of the batch by relaxation from the layer's start (the prior, or the amortised recognition
 * pass) and writes the local gradients of the energy (and of the recognition maps) into the gradient views; the
 * score is the relaxed energy per example. Inference ({@link #activate}) relaxes the same
 * way and returns the latents of the configured embedding levels.
 *
 * <p>Public API beyond DL4J's: {@link #inferLatents} (every level, optionally warm-started), {@link #embedding},
 * {@link #reconstruct}, {@link #generate}, {@link #lastEnergyTrace()} and {@link #currentVariances(int)} (both
 * collected by {@link org.precis.pc.stats.PcStatisticsListener}). Latent
 * values are per-batch state in preallocated buffers, never parameters. Masks are not supported. Not
 * thread-safe (like every DL4J layer).
 */
public class GenerativePcLayerImpl extends AbstractPcLayer<GenerativePcLayer> {

    private static final long serialVersionUID = 1L;

    /**
     * @param conf network-level configuration holding a {@link GenerativePcLayer}
     * @param dataType network data type
     */
    public GenerativePcLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    Wiring createWiring() {
        return Wiring.generative(layerConf());
    }

    /** Relaxes the latents of {@code data} from the layer's start or from {@code warmStart}; returns the buffers. */
    private Relaxation infer(INDArray data, INDArray[] warmStart, boolean training) {
        return infer(data, warmStart, layerConf().getStart(), training);
    }

    private Relaxation infer(INDArray data, INDArray[] warmStart, GenerativeStart start, boolean training) {
        INDArray in = checkedFeatures(data);
        Relaxation r = relaxation(in.size(0));
        r.bind(in, null, paramTable());
        if (warmStart != null) {
            checkWarmStart(warmStart, in.size(0));
            r.startFrom(warmStart, training);
        } else if (start == GenerativeStart.AMORTISED) {
            if (layerConf().getStart() != GenerativeStart.AMORTISED) {
                throw new IllegalArgumentException("An amortised start needs a layer built with "
                        + "start(GenerativeStart.AMORTISED), which trains the recognition maps " + layerId());
            }
            r.startAmortised(training);
        } else {
            r.sweep(training);
        }
        r.relax(training, layerId());
        relaxed(r);
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
        Relaxation r = infer(input, null, true);
        r.writeGradients(paramTable(), gradientViews, layerId());
        Gradient grad = gradientOfViews();
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
        Relaxation r = infer(input, null, training);
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
        for (INDArray view : gradientViews.values()) {
            view.assign(0.0);
        }
        Gradient grad = gradientOfViews();
        INDArray epsOut = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType,
                new long[] {input.size(0), layerConf().getNIn()}, 'c');
        return new Pair<>(grad, epsOut);
    }

    @Override
    public boolean isPretrainLayer() {
        return true;
    }

    /**
     * Infers the latents of every level for {@code data} by T relaxation steps from the layer's start.
     *
     * @param data images, [batch, nIn] (not modified)
     * @return x_1..x_L (index 0 holding level 1), fresh arrays
     */
    public INDArray[] inferLatents(INDArray data) {
        return inferLatents(data, (INDArray[]) null);
    }

    /**
     * Infers the latents of every level for {@code data} by T relaxation steps from a chosen start: to compare
     * the amortised start of a layer built with {@link GenerativeStart#AMORTISED} with the prior start of the same
     * weights. {@link #lastEnergyTrace()} then holds this relaxation's trace.
     *
     * @param data images, [batch, nIn] (not modified)
     * @param start where to start: {@link GenerativeStart#AMORTISED} only for a layer built with it
     * @return x_1..x_L (index 0 holding level 1), fresh arrays
     * @throws IllegalArgumentException for an amortised start on a layer without recognition maps
     */
    public INDArray[] inferLatents(INDArray data, GenerativeStart start) {
        Relaxation r = infer(data, null, start, false);
        INDArray[] out = new INDArray[layerConf().topLevel()];
        for (int l = 1; l <= out.length; l++) {
            out[l - 1] = r.value(l).dup();
        }
        return out;
    }

    /**
     * Infers the latents of every level for {@code data} by T relaxation steps, starting from {@code warmStart}
     * (for example latents inferred for the same images before) instead of the layer's start.
     *
     * @param data images, [batch, nIn] (not modified)
     * @param warmStart starting latents x_1..x_L, index 0 holding level 1, or null for the layer's start (not modified)
     * @return x_1..x_L (index 0 holding level 1), fresh arrays
     */
    public INDArray[] inferLatents(INDArray data, INDArray[] warmStart) {
        Relaxation r = infer(data, warmStart, false);
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
        return sweepDown(fromLevel, latent);
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
        return sweepDown(c.topLevel(), topLatent.castTo(dataType));
    }

    private void checkLevel(int level) {
        if (level < 1 || level > layerConf().topLevel()) {
            throw new IllegalArgumentException("Level must lie in [1, " + layerConf().topLevel() + "], got " + level
                    + " " + layerId());
        }
    }

    /**
     * Top-down sweep without relaxation: the predictions of levels {@code level-1} down to 0 from a value of level
     * {@code level}. Allocates; not part of the relaxation loop.
     *
     * @param level level of {@code value}, in [1, L]
     * @param value x_level, [batch, n_level] (not modified)
     * @return mu_0, [batch, nIn], a fresh array
     */
    private INDArray sweepDown(int level, INDArray value) {
        INDArray current = value;
        for (int l = level; l >= 1; l--) {
            INDArray pre = current.mmul(getParam(PcParamInitializer.weightKey(l)))
                    .addiRowVector(getParam(PcParamInitializer.biasKey(l)));
            current = layerConf().predictionActivation(l - 1).getActivation(pre, false);
        }
        return current;
    }
}
