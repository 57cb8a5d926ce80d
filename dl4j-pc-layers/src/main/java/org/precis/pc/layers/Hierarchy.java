package org.precis.pc.layers;

import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;
import org.precis.pc.params.PcParamInitializer;
import org.precis.pc.precision.LevelPrecision;

/**
 * Value nodes and work buffers of one PC hierarchy for one batch size: the maths of {@code ALGORITHMS.md} §1 on
 * preallocated arrays. Levels are 0..L; level 0 is the (clamped) input, level L the output.
 *
 * <p>Call order per batch: {@link #bind} -> {@link #feedForward} -> {@link #relax} -> {@link #writeGradients} /
 * {@link #epsilon}. Every array is allocated in the constructor, outside workspaces, and reused while the batch
 * size stays the same; the relaxation loop only runs in-place ops and GEMMs into these buffers (for softmax or
 * other activations without an in-place derivative in {@link ActivationDerivative}, ND4J's backprop may allocate).
 */
final class Hierarchy {

    /** Smallest probability whose log the categorical energy takes, so an underflowed softmax stays finite. */
    private static final double MIN_PROBABILITY = 1e-30;

    private final PredictiveCodingOutputLayer conf;
    private final int levels;
    private final long batch;
    /** Pre-activations a_l = x_{l-1} W_l + b_l. */
    private final INDArray[] a;
    /** Predictions mu_l = f_l(a_l). */
    private final INDArray[] mu;
    /** Values x_l; x[0] and (when clamped) x[L] are bound to the caller's input and labels. */
    private final INDArray[] x;
    /** Errors e_l = x_l - mu_l. */
    private final INDArray[] e;
    /** Buffers for Pi_l e_l (unused when the level has no precision). */
    private final INDArray[] weighted;
    /** Pi_l e_l: the buffer above, or e_l itself. */
    private final INDArray[] pe;
    /** Error signals at the pre-activation, g_l = -dF/da_l. */
    private final INDArray[] g;
    /** Scratch per level (squared errors for the precision gradient). */
    private final INDArray[] scratch;
    private final INDArray ones;
    /** Own top value, used when the top level is free (relaxed inference); training binds the labels instead. */
    private final INDArray freeTop;
    private final LevelPrecision[] precision;
    private final INDArray[] weights;
    private final INDArray[] biases;
    /** trace[t][l-1]: mean energy per example of level l after step t (t = 0 is the feed-forward sweep). */
    private final double[][] trace;
    private int stepsTaken;
    private boolean topClamped;

    Hierarchy(PredictiveCodingOutputLayer conf, long batch, DataType dataType) {
        this.conf = conf;
        this.levels = conf.numLevels();
        this.batch = batch;
        a = new INDArray[levels + 1];
        mu = new INDArray[levels + 1];
        x = new INDArray[levels + 1];
        e = new INDArray[levels + 1];
        weighted = new INDArray[levels + 1];
        pe = new INDArray[levels + 1];
        g = new INDArray[levels + 1];
        scratch = new INDArray[levels + 1];
        precision = new LevelPrecision[levels + 1];
        weights = new INDArray[levels + 1];
        biases = new INDArray[levels + 1];
        trace = new double[conf.getRelaxationSteps() + 1][levels];
        try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            ones = Nd4j.ones(dataType, 1, batch);
            freeTop = Nd4j.create(dataType, batch, conf.levelSize(levels));
            for (int l = 1; l <= levels; l++) {
                long n = conf.levelSize(l);
                a[l] = Nd4j.create(dataType, batch, n);
                mu[l] = Nd4j.create(dataType, batch, n);
                e[l] = Nd4j.create(dataType, batch, n);
                g[l] = Nd4j.create(dataType, batch, n);

                if (l < levels) {
                    x[l] = Nd4j.create(dataType, batch, n);
                }
                PrecisionForm form = conf.levelPrecision(l);
                weighted[l] = form == PrecisionForm.NONE ? null : Nd4j.create(dataType, batch, n);
                scratch[l] = form == PrecisionForm.NONE ? null : Nd4j.create(dataType, batch, n);
                precision[l] = new LevelPrecision(form, n, dataType);
            }
        }
    }

    long batch() {
        return batch;
    }

    int stepsTaken() {
        return stepsTaken;
    }

    double[][] trace() {
        return trace;
    }

    INDArray prediction() {
        return mu[levels];
    }

    INDArray topValue() {
        return x[levels];
    }

    INDArray value(int level) {
        return x[level];
    }

    /**
     * Binds the input (and, for training, the clamped labels) and reads the parameters of this batch.
     *
     * @param input x_0, [batch, nIn] in the network data type (not modified)
     * @param labels clamped top value, or null for a free top level (not modified)
     * @param params the layer's parameter table
     */
    void bind(INDArray input, INDArray labels, Map<String, INDArray> params) {
        x[0] = input;
        topClamped = labels != null;
        for (int l = 1; l <= levels; l++) {
            weights[l] = params.get(PcParamInitializer.weightKey(l));
            biases[l] = params.get(PcParamInitializer.biasKey(l));
            precision[l].refresh(params.get(PcParamInitializer.precisionKey(l)));
        }
        x[levels] = topClamped ? labels : freeTop;
    }

    private void predict(int l, boolean training) {
        Nd4j.gemm(x[l - 1], weights[l], a[l], false, false, 1.0, 0.0);
        a[l].addiRowVector(biases[l]);
        mu[l].assign(a[l]);
        INDArray act = conf.levelActivation(l).getActivation(mu[l], training);
        if (act != mu[l]) {
            mu[l].assign(act);
        }
    }

    /**
     * Feed-forward sweep: every prediction from the level below, every hidden value set to its prediction.
     *
     * @param training whether activations run in training mode
     */
    void feedForward(boolean training) {
        for (int l = 1; l <= levels; l++) {
            predict(l, training);
            if (l < levels) {
                x[l].assign(mu[l]);
            }
        }
    }

    /**
     * Start of relaxed inference: every free value above the input at zero, every prediction computed from
     * those values.
     *
     * @param training whether activations run in training mode
     */
    void startFromZero(boolean training) {
        for (int l = 1; l <= levels; l++) {
            if (l < levels || !topClamped) {
                x[l].assign(0.0);
            }
            predict(l, training);
        }
    }

    private boolean categoricalTop(int l) {
        return l == levels && topClamped && conf.getTopEnergy() == TopEnergy.CATEGORICAL;
    }

    /**
     * Errors and weighted errors of every level at the current values; records the energies as step
     * {@code step} and checks that they are finite.
     *
     * @return total energy, mean per example
     */
    private double errors(int step, String layerId) {
        double total = 0;
        for (int l = 1; l <= levels; l++) {
            x[l].sub(mu[l], e[l]);
            double energy;
            if (categoricalTop(l)) {
                pe[l] = e[l];
                // -sum y ln softmax(a); the lower clamp only matters once a probability underflows.
                g[l].assign(mu[l]);
                Transforms.max(g[l], MIN_PROBABILITY, false);
                Transforms.log(g[l], false);
                energy = -Nd4j.getBlasWrapper().dot(x[l], g[l]);
            } else {
                pe[l] = precision[l].weigh(e[l], weighted[l]);
                energy = 0.5 * Nd4j.getBlasWrapper().dot(e[l], pe[l]) - 0.5 * batch * precision[l].logDet();
            }
            energy /= batch;
            if (!Double.isFinite(energy)) {
                throw new RelaxationDivergedException(layerId, l, step, energy);
            }
            trace[step][l - 1] = energy;
            total += energy;
        }
        return total;
    }

    /** g_l = f_l'(a_l) applied to Pi_l e_l (or e_L for a clamped categorical top). Needs {@link #errors}. */
    private void errorSignal(int l) {
        if (categoricalTop(l)) {
            g[l].assign(e[l]);
            return;
        }
        ActivationDerivative.apply(conf.levelActivation(l), a[l], mu[l], pe[l], g[l]);
    }

    /**
     * Relaxation: from the current values, up to T (the configured relaxation steps) synchronous steps
     * x_l <- x_l - eta (Pi_l e_l - J_{l+1}^T Pi_{l+1} e_{l+1}) on every free level, then the error signals of
     * all levels at the final values, ready for {@link #writeGradients} and {@link #epsilon}.
     *
     * @param training whether activations run in training mode
     * @param layerId layer description used in a divergence report
     * @throws RelaxationDivergedException if a level's energy becomes NaN or infinite
     */
    void relax(boolean training, String layerId) {
        int steps = conf.getRelaxationSteps();
        double rate = conf.getStateRate();
        double tolerance = conf.getTolerance();
        int top = topClamped ? levels - 1 : levels;
        double energy = errors(0, layerId);
        stepsTaken = 0;
        for (int t = 1; t <= steps; t++) {
            for (int l = 2; l <= levels; l++) {
                errorSignal(l);
            }
            // x_l += eta (J^T Pi e)_{l+1} - eta Pi_l e_l, straight into the values: no gradient buffer.
            for (int l = 1; l <= top; l++) {
                if (l < levels) {
                    Nd4j.gemm(g[l + 1], weights[l + 1], x[l], false, true, rate, 1.0);
                }
                Nd4j.getBlasWrapper().level1().axpy(x[l].length(), -rate, pe[l], x[l]);
            }
            // Level 1 predicts from the clamped input: its prediction never changes during relaxation.
            for (int l = 2; l <= levels; l++) {
                predict(l, training);
            }
            double next = errors(t, layerId);
            stepsTaken = t;
            boolean converged = tolerance > 0 && energy - next < tolerance * Math.abs(energy);
            energy = next;
            if (converged) {
                break;
            }
        }
        for (int l = 1; l <= levels; l++) {
            errorSignal(l);
        }
    }

    /**
     * Writes the local gradients of the batch energy (summed over the batch) into the gradient views:
     * dF/dW_l = -x_{l-1}^T g_l, dF/db_l = -sum_n g_l, precision per {@link LevelPrecision#gradient}.
     *
     * @param gradViews the layer's gradient views (modified)
     */
    void writeGradients(Map<String, INDArray> gradViews) {
        for (int l = 1; l <= levels; l++) {
            Nd4j.gemm(x[l - 1], g[l], gradViews.get(PcParamInitializer.weightKey(l)), true, false, -1.0, 0.0);
            Nd4j.gemm(ones, g[l], gradViews.get(PcParamInitializer.biasKey(l)), false, false, -1.0, 0.0);
            INDArray gs = gradViews.get(PcParamInitializer.precisionKey(l));
            if (gs != null) {
                precision[l].gradient(e[l], scratch[l], ones, gs);
            }
        }
    }

    /**
     * dF/dx_0 = -g_1 W_1^T per example: the error signal handed to the layers below.
     *
     * @param out [batch, nIn] (overwritten)
     */
    void epsilon(INDArray out) {
        Nd4j.gemm(g[1], weights[1], out, false, true, -1.0, 0.0);
    }

    /**
     * Energy of the top level for the current prediction against {@code labels}, summed over the batch: the
     * layer's loss. Allocates; not part of the relaxation loop.
     *
     * @param labels targets [batch, nOut] (not modified)
     * @return per-example top energies, [batch, 1]
     */
    INDArray topEnergyPerExample(INDArray labels) {
        INDArray pred = mu[levels];
        if (conf.getTopEnergy() == TopEnergy.CATEGORICAL) {
            INDArray logp = Transforms.log(Transforms.max(pred, MIN_PROBABILITY, true), false);
            return logp.muli(labels).sum(true, 1).negi();
        }
        INDArray err = labels.sub(pred);
        INDArray weightedErr = precision[levels].weigh(err, err.ulike());
        return err.muli(weightedErr).sum(true, 1).muli(0.5).subi(0.5 * precision[levels].logDet());
    }
}
