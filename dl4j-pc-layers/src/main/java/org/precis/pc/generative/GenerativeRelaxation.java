package org.precis.pc.generative;

import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.layers.ActivationDerivative;
import org.precis.pc.layers.RelaxationDivergedException;
import org.precis.pc.params.PcParamInitializer;
import org.precis.pc.precision.LevelPrecision;

/**
 * Value nodes and work buffers of one generative PC hierarchy for one batch size: the generative direction of
 * {@code ALGORITHMS.md} §1 on preallocated arrays. Levels are 0..L; level 0 is the clamped data, every level
 * above it is free, level L sits under the prior N(m, Pi_L^-1).
 *
 * <p>Call order per batch: {@link #bind} -> {@link #startFromPrior} or {@link #startFrom} -> {@link #relax} ->
 * {@link #writeGradients}. Every buffer is allocated in the constructor, outside workspaces, and reused while the
 * batch size stays the same; the relaxation loop runs only in-place ops and GEMMs into them.
 *
 * <p>It mirrors the supervised {@code Hierarchy} with the direction of prediction reversed; precision
 * ({@link LevelPrecision}), activation derivatives and divergence reports are the shared pieces.
 */
final class GenerativeRelaxation {

    private final GenerativePcLayer conf;
    private final int top;
    private final long batch;
    /** Pre-activations a_l = x_{l+1} W_{l+1} + b_{l+1}, l = 0..L-1. */
    private final INDArray[] a;
    /** Predictions mu_l = f_l(a_l); mu_L holds the prior mean in every row. */
    private final INDArray[] mu;
    /** Values x_l; x_0 is bound to the caller's input. */
    private final INDArray[] x;
    /** Errors e_l = x_l - mu_l. */
    private final INDArray[] e;
    /** Buffers for Pi_l e_l (null when the level has no precision). */
    private final INDArray[] weighted;
    /** Pi_l e_l: the buffer above, or e_l itself. */
    private final INDArray[] pe;
    /** Error signals at the pre-activations, g_l = f_l'(a_l) Pi_l e_l = -dF/da_l, l = 0..L-1. */
    private final INDArray[] g;
    /** Scratch per level for the precision gradient. */
    private final INDArray[] scratch;
    private final INDArray ones;
    private final LevelPrecision[] precision;
    private final INDArray[] weights;
    private final INDArray[] biases;
    /** trace[t][l]: mean energy per example of level l after step t (t = 0 is the starting point). */
    private final double[][] trace;
    private int stepsTaken;

    GenerativeRelaxation(GenerativePcLayer conf, long batch, DataType dataType) {
        this.conf = conf;
        this.top = conf.topLevel();
        this.batch = batch;
        a = new INDArray[top];
        g = new INDArray[top];
        mu = new INDArray[top + 1];
        x = new INDArray[top + 1];
        e = new INDArray[top + 1];
        weighted = new INDArray[top + 1];
        pe = new INDArray[top + 1];
        scratch = new INDArray[top + 1];
        precision = new LevelPrecision[top + 1];
        weights = new INDArray[top + 1];
        biases = new INDArray[top + 1];
        trace = new double[conf.getRelaxationSteps() + 1][top + 1];
        try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            ones = Nd4j.ones(dataType, 1, batch);
            for (int l = 0; l <= top; l++) {
                long n = conf.levelSize(l);
                if (l < top) {
                    a[l] = Nd4j.create(dataType, batch, n);
                    g[l] = Nd4j.create(dataType, batch, n);
                }
                if (l > 0) {
                    x[l] = Nd4j.create(dataType, batch, n);
                }
                mu[l] = Nd4j.create(dataType, batch, n);
                e[l] = Nd4j.create(dataType, batch, n);
                PrecisionForm form = conf.levelPrecision(l);
                weighted[l] = form == PrecisionForm.NONE ? null : Nd4j.create(dataType, batch, n);
                scratch[l] = form == PrecisionForm.NONE ? null : Nd4j.create(dataType, batch, n);
                precision[l] = new LevelPrecision(form, n, dataType);
            }
        }
    }

    int stepsTaken() {
        return stepsTaken;
    }

    double[][] trace() {
        return trace;
    }

    /**
     * @param level level in [1, L]
     * @return the buffer of x_level (not a copy)
     */
    INDArray value(int level) {
        return x[level];
    }

    /** @return total energy per example after the last step taken */
    double finalEnergy() {
        double total = 0;
        for (double v : trace[stepsTaken]) {
            total += v;
        }
        return total;
    }

    /**
     * Binds the data and reads the parameters of this batch.
     *
     * @param input x_0, [batch, nIn] in the network data type (not modified; referenced until the next bind)
     * @param params the layer's parameter table
     */
    void bind(INDArray input, Map<String, INDArray> params) {
        x[0] = input;
        for (int l = 1; l <= top; l++) {
            weights[l] = params.get(PcParamInitializer.weightKey(l));
            biases[l] = params.get(PcParamInitializer.biasKey(l));
        }
        for (int l = 0; l <= top; l++) {
            precision[l].refresh(params.get(PcParamInitializer.precisionKey(l)));
        }
        mu[top].assign(0.0).addiRowVector(params.get(GenerativePcParamInitializer.PRIOR_MEAN_KEY));
    }

    private void predict(int l, boolean training) {
        Nd4j.gemm(x[l + 1], weights[l + 1], a[l], false, false, 1.0, 0.0);
        a[l].addiRowVector(biases[l + 1]);
        mu[l].assign(a[l]);
        INDArray act = conf.predictionActivation(l).getActivation(mu[l], training);
        if (act != mu[l]) {
            mu[l].assign(act);
        }
    }

    /**
     * Cold start: the top at the prior mean, every latent below at its top-down prediction, so at the start only
     * the data level carries error.
     *
     * @param training whether activations run in training mode
     */
    void startFromPrior(boolean training) {
        x[top].assign(mu[top]);
        for (int l = top - 1; l >= 0; l--) {
            predict(l, training);
            if (l > 0) {
                x[l].assign(mu[l]);
            }
        }
    }

    /**
     * Warm start from given latents (for example those of the same images inferred earlier).
     *
     * @param latents x_1..x_L, index 0 holding level 1, each [batch, n_l] (not modified)
     * @param training whether activations run in training mode
     */
    void startFrom(INDArray[] latents, boolean training) {
        for (int l = 1; l <= top; l++) {
            x[l].assign(latents[l - 1]);
        }
        for (int l = 0; l < top; l++) {
            predict(l, training);
        }
    }

    /** Errors and weighted errors at the current values; records the energies as step {@code step}. */
    private double errors(int step, String layerId) {
        double total = 0;
        for (int l = 0; l <= top; l++) {
            x[l].sub(mu[l], e[l]);
            pe[l] = precision[l].weigh(e[l], weighted[l]);
            double energy = (0.5 * Nd4j.getBlasWrapper().dot(e[l], pe[l]) - 0.5 * batch * precision[l].logDet())
                    / batch;
            if (!Double.isFinite(energy)) {
                throw new RelaxationDivergedException(layerId, l, step, energy);
            }
            trace[step][l] = energy;
            total += energy;
        }
        return total;
    }

    private void errorSignals() {
        for (int l = 0; l < top; l++) {
            ActivationDerivative.apply(conf.predictionActivation(l), a[l], mu[l], pe[l], g[l]);
        }
    }

    /**
     * Up to T synchronous steps x_l <- x_l - eta (Pi_l e_l - g_{l-1} W_l^T) on every latent level l = 1..L, then
     * the error signals at the final values, ready for {@link #writeGradients}.
     *
     * @param training whether activations run in training mode
     * @param layerId layer description used in a divergence report
     * @throws RelaxationDivergedException if a level's energy becomes NaN or infinite (level 0 is the data)
     */
    void relax(boolean training, String layerId) {
        int steps = conf.getRelaxationSteps();
        double rate = conf.getStateRate();
        double tolerance = conf.getTolerance();
        double energy = errors(0, layerId);
        stepsTaken = 0;
        for (int t = 1; t <= steps; t++) {
            errorSignals();
            // x_l += eta g_{l-1} W_l^T - eta Pi_l e_l, straight into the values: no gradient buffer.
            for (int l = 1; l <= top; l++) {
                Nd4j.gemm(g[l - 1], weights[l], x[l], false, true, rate, 1.0);
                Nd4j.getBlasWrapper().level1().axpy(x[l].length(), -rate, pe[l], x[l]);
            }
            // The prior mean is a parameter: mu_L does not move during relaxation.
            for (int l = 0; l < top; l++) {
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
        errorSignals();
    }

    /**
     * Writes the local gradients of the batch energy (summed over the batch) into the gradient views:
     * dF/dW_l = -x_l^T g_{l-1}, dF/db_l = -sum_n g_{l-1}, dF/dm = -sum_n Pi_L e_L, precision per
     * {@link LevelPrecision#gradient}.
     *
     * @param gradViews the layer's gradient views (modified)
     */
    void writeGradients(Map<String, INDArray> gradViews) {
        for (int l = 1; l <= top; l++) {
            Nd4j.gemm(x[l], g[l - 1], gradViews.get(PcParamInitializer.weightKey(l)), true, false, -1.0, 0.0);
            Nd4j.gemm(ones, g[l - 1], gradViews.get(PcParamInitializer.biasKey(l)), false, false, -1.0, 0.0);
        }
        for (int l = 0; l <= top; l++) {
            INDArray gs = gradViews.get(PcParamInitializer.precisionKey(l));
            if (gs != null) {
                precision[l].gradient(e[l], scratch[l], ones, gs);
            }
        }
        Nd4j.gemm(ones, pe[top], gradViews.get(GenerativePcParamInitializer.PRIOR_MEAN_KEY), false, false, -1.0,
                0.0);
    }

    /**
     * Top-down sweep without relaxation: the predictions of levels {@code level-1} down to 0 from a value of
     * level {@code level}. Allocates; not part of the relaxation loop.
     *
     * @param conf layer configuration
     * @param params parameter table (not modified)
     * @param level level of {@code value}, in [1, L]
     * @param value x_level, [batch, n_level] (not modified)
     * @return mu_0, [batch, nIn], a fresh array
     */
    static INDArray sweepDown(GenerativePcLayer conf, Map<String, INDArray> params, int level, INDArray value) {
        INDArray current = value;
        for (int l = level; l >= 1; l--) {
            INDArray pre = current.mmul(params.get(PcParamInitializer.weightKey(l)))
                    .addiRowVector(params.get(PcParamInitializer.biasKey(l)));
            current = conf.predictionActivation(l - 1).getActivation(pre, false);
        }
        return current;
    }
}
