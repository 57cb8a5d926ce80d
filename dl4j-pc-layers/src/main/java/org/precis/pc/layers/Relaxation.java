package org.precis.pc.layers;

import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.natgrad.blas.Gemm;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.conf.GenerativeStart;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.RelaxationLayer;
import org.precis.pc.layers.Wiring.Prediction;

/**
 * The predictive-coding engine of both PC layers: value nodes, predictions, errors and the relaxation loop of
 * {@code algorithms.md} §1 for one {@link Wiring} and one batch size, on preallocated arrays.
 *
 * <p>Call order per batch: {@link #bind} -> a start ({@link #sweep}, {@link #startFromZero} or {@link #startFrom})
 * -> {@link #relax} -> {@link #writeGradients} / {@link #epsilon}. Every array is allocated in the constructor,
 * outside workspaces, and reused while the batch size stays the same; the relaxation loop runs only in-place ops and
 * GEMMs into these buffers (activations without an in-place derivative in {@link ActivationDerivative} may let
 * ND4J allocate).
 *
 * <p>Arrays are indexed by level: value x_l, prediction mu_l, error e_l, weighted error Pi_l e_l; the buffers of a
 * prediction (pre-activation a, error signal g = f'(a) Pi e = -dF/da, its W and b, its {@link LinearMap}) are
 * indexed by the level it predicts. A pooled convolutional prediction mu = pool(h), h = f(a), also keeps h and the
 * pooled error routed back to h; its a and g have the convolution's (unpooled) size.
 */
final class Relaxation {

    private final Wiring wiring;
    private final RelaxationLayer conf;
    private final int top;
    private final int first;
    private final long batch;
    private final INDArray[] x;
    private final INDArray[] mu;
    private final INDArray[] e;
    /** Pi_l e_l: the buffer {@code weighted[l]}, e_l itself, or (categorical top) e_l. */
    private final INDArray[] pe;
    private final INDArray[] weighted;
    /** Work space of the precision gradient. */
    private final INDArray[] scratch;
    private final Precision[] precision;
    private final INDArray[] a;
    private final INDArray[] g;
    private final INDArray[] w;
    private final INDArray[] b;
    /** The linear part of each prediction (dense or convolutional), null for a prior. */
    private final LinearMap[] maps;
    /** h = f(a) before pooling, for pooled predictions only. */
    private final INDArray[] activated;
    /** (d pool / d h)^T Pi e, for pooled predictions only. */
    private final INDArray[] routed;
    private final PoolingStep[] pooling;
    /** The bias broadcast to every row, once per batch, for predictions without a tanh kernel (null for priors). */
    private final INDArray[] biasRows;
    /** Java kernel of a dense float tanh prediction (bias, tanh, derivative), or null: ND4J's ops. */
    private final FloatTanhKernel[] tanh;
    private final INDArray ones;
    /** The top's own value, used whenever the top is free (always in the generative direction). */
    private final INDArray ownTop;
    /** Step of each level: the state rate, bounded by stepBound / curvature when a bound is set. */
    private final double[] rate;
    /** Curvature bound L_l of each level, from {@link #curvature}. */
    private final double[] bound;
    private final CurvatureBound curvature;
    /** Whether each level is a clamped categorical top in the current batch. */
    private final boolean[] categorical;
    /** The categorical energy of a clamped float top in Java, or null: {@link Energy#categorical}. */
    private final FloatCategoricalEnergy categoricalEnergy;
    /** Feed-forward residual y - mu_L of a clamped top with running moments, or null. */
    private final INDArray residual;
    private boolean residualCaptured;
    /** Relative energy increase tolerated as rounding before a step counts as a rise. */
    private final double riseTolerance;
    private int rises;
    /** The recognition pass of an amortised generative start, or null. */
    private final AmortisedStart amortised;
    /** Parameters of the current batch. */
    private Map<String, INDArray> params;
    /** trace[t][l - first]: mean energy per example of level l after step t (t = 0: the start). */
    private final double[][] trace;
    private int stepsTaken;
    private boolean topClamped;

    Relaxation(Wiring wiring, RelaxationLayer conf, long batch, DataType dataType) {
        this.wiring = wiring;
        this.conf = conf;
        this.top = wiring.top();
        this.first = wiring.firstErrorLevel();
        this.batch = batch;
        int n = top + 1;
        x = new INDArray[n];
        mu = new INDArray[n];
        e = new INDArray[n];
        pe = new INDArray[n];
        weighted = new INDArray[n];
        scratch = new INDArray[n];
        precision = new Precision[n];
        a = new INDArray[n];
        g = new INDArray[n];
        w = new INDArray[n];
        b = new INDArray[n];
        maps = new LinearMap[n];
        activated = new INDArray[n];
        routed = new INDArray[n];
        pooling = new PoolingStep[n];
        tanh = new FloatTanhKernel[n];
        biasRows = new INDArray[n];
        rate = new double[n];
        bound = new double[n];
        categorical = new boolean[n];
        riseTolerance = dataType == DataType.DOUBLE ? 1e-10 : 1e-5;
        trace = new double[conf.getRelaxationSteps() + 1][top - first + 1];
        try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            ones = Nd4j.ones(dataType, 1, batch);
            for (int l = 1; l < top; l++) {
                x[l] = Nd4j.create(dataType, batch, wiring.level(l).size());
            }
            ownTop = Nd4j.create(dataType, batch, wiring.level(top).size());
            for (int l = first; l <= top; l++) {
                long size = wiring.level(l).size();
                mu[l] = Nd4j.create(dataType, batch, size);
                e[l] = Nd4j.create(dataType, batch, size);
                Prediction p = wiring.predictionOf(l);
                long preActivation = p.isPrior() ? size : LinearMap.preActivationSize(p, size);
                a[l] = Nd4j.create(dataType, batch, preActivation);
                g[l] = Nd4j.create(dataType, batch, preActivation);
                if (!p.isPrior()) {
                    maps[l] = LinearMap.of(p, batch, dataType);
                    if (p.convolution() == null && FloatTanhKernel.accepts(p.activation(), a[l])) {
                        tanh[l] = new FloatTanhKernel(batch, size);
                    } else {
                        biasRows[l] = Nd4j.create(dataType, batch, preActivation);
                    }
                }
                if (p.convolution() != null && p.convolution().pooled()) {
                    activated[l] = Nd4j.create(dataType, batch, preActivation);
                    routed[l] = Nd4j.create(dataType, batch, preActivation);
                    pooling[l] = new PoolingStep(p.convolution(), batch);
                }
                precision[l] = wiring.precision(l, conf, dataType);
                if (precision[l].learnable()) {
                    weighted[l] = Nd4j.create(dataType, batch, size);
                    scratch[l] = Nd4j.create(dataType, batch, size);
                }
            }
            boolean topMoments = precision[top].learnable()
                    && conf.getPrecisionEstimator() == PrecisionEstimator.RUNNING_MOMENTS;
            residual = topMoments ? Nd4j.create(dataType, batch, wiring.level(top).size()) : null;
            categoricalEnergy = wiring.level(top).categoricalWhenClamped() && FloatCategoricalEnergy.accepts(mu[top])
                    ? new FloatCategoricalEnergy(mu[top]) : null;
            curvature = conf.getStepBound() > 0 ? new CurvatureBound(wiring, dataType) : null;
            amortised = conf instanceof GenerativePcLayer gen && gen.getStart() == GenerativeStart.AMORTISED
                    ? new AmortisedStart(gen, batch, dataType) : null;
        }
    }

    long batch() {
        return batch;
    }

    int stepsTaken() {
        return stepsTaken;
    }

    /** @return how many Java kernels replace ND4J's ops: tanh predictions and a categorical top's energy */
    int javaKernels() {
        return (int) Arrays.stream(tanh).filter(k -> k != null).count() + (categoricalEnergy != null ? 1 : 0);
    }

    /** @return relaxation steps of the last {@link #relax} that raised the energy */
    int rises() {
        return rises;
    }

    /** @return the step of each level in the current batch (a copy) */
    double[] stepSizes() {
        return rate.clone();
    }

    double[][] trace() {
        return trace;
    }

    /** @return the top level's prediction mu_L (the buffer) */
    INDArray prediction() {
        return mu[top];
    }

    /** @return the value x_l of a level (the buffer, or the bound input / labels) */
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
     * Binds the input (and, for supervised training, the clamped top) and reads the parameters of this batch.
     *
     * @param input x_0, [batch, n_0] in the network data type (not modified; referenced until the next bind)
     * @param clampedTop value the top is clamped to, or null for a free top (not modified)
     * @param params the layer's parameter table
     */
    void bind(INDArray input, INDArray clampedTop, Map<String, INDArray> params) {
        this.params = params;
        x[0] = input;
        topClamped = clampedTop != null;
        x[top] = topClamped ? clampedTop : ownTop;
        for (Prediction p : wiring.predictions()) {
            int t = p.target();
            w[t] = p.isPrior() ? null : params.get(p.weightKey());
            b[t] = params.get(p.biasKey());
            if (p.isPrior()) {
                // A prior's prediction is a parameter: it does not move during relaxation.
                a[t].assign(0.0).addiRowVector(b[t]);
                mu[t].assign(a[t]);
            } else if (tanh[t] != null) {
                tanh[t].bindBias(b[t]);
            } else {
                biasRows[t].assign(0.0);
                maps[t].addBias(biasRows[t], b[t]);
            }
        }
        residualCaptured = false;
        for (int l = first; l <= top; l++) {
            String key = wiring.level(l).paramKey();
            precision[l].refresh(key == null ? null : params.get(key));
        }
        for (int l = 0; l <= top; l++) {
            categorical[l] = l == top && topClamped && wiring.level(l).categoricalWhenClamped();
        }
        if (categorical[top] && categoricalEnergy != null) {
            categoricalEnergy.bind(clampedTop);
        }
        computeStepSizes();
    }

    /** eta_l = min(stateRate, stepBound / L_l) on every level, or the state rate when no bound is set. */
    private void computeStepSizes() {
        double eta = conf.getStateRate();
        if (curvature == null) {
            Arrays.fill(rate, eta);
            return;
        }
        curvature.compute(precision, categorical, w, bound);
        for (int l = 1; l <= top; l++) {
            rate[l] = bound[l] > 0 ? Math.min(eta, conf.getStepBound() / bound[l]) : eta;
        }
    }

    /**
     * Keeps the feed-forward residual y - mu_L of the clamped top, the error its running moment learns from: a
     * relaxed top error partly fits the clamped label (the more, the higher the precision), so an output precision
     * estimated from it would confirm itself ({@code algorithms.md} §1b, "Which error"). Call after {@link #sweep}
     * with the top clamped; does nothing unless the top learns its precision by running moments.
     */
    void captureFeedForwardResidual() {
        if (residual != null && topClamped) {
            x[top].sub(mu[top], residual);
            residualCaptured = true;
        }
    }

    private boolean free(int level) {
        return level > 0 && (level < top || !topClamped);
    }

    private boolean sourceFree(Prediction p) {
        return !p.isPrior() && free(p.source());
    }

    private boolean categorical(int level) {
        return categorical[level];
    }

    /** mu_t = f(x_s W + b), or pool(f(W * x_s + b)). */
    private void predict(Prediction p, boolean training) {
        if (p.isPrior()) {
            return;
        }
        int t = p.target();
        if (tanh[t] != null) {
            maps[t].forward(x[p.source()], w[t], a[t]);
            tanh[t].biasAndTanh(a[t], mu[t]);
            return;
        }
        a[t].assign(biasRows[t]);
        maps[t].forwardOnto(x[p.source()], w[t], a[t]);
        INDArray h = pooling[t] == null ? mu[t] : activated[t];
        h.assign(a[t]);
        INDArray act = p.activation().getActivation(h, training);
        if (act != h) {
            h.assign(act);
        }
        if (pooling[t] != null) {
            pooling[t].forward(h, mu[t]);
        }
    }

    /**
     * Sweep along the predictions (bottom-up supervised, top-down from the prior generative): every prediction
     * from its source, every free value set to its prediction.
     *
     * @param training whether activations run in training mode
     */
    void sweep(boolean training) {
        for (Prediction p : wiring.predictions()) {
            predict(p, training);
            if (free(p.target())) {
                x[p.target()].assign(mu[p.target()]);
            }
        }
    }

    /**
     * Start of relaxed inference: every free value at zero, every prediction computed from those values.
     *
     * @param training whether activations run in training mode
     */
    void startFromZero(boolean training) {
        for (int l = 1; l <= top; l++) {
            if (free(l)) {
                x[l].assign(0.0);
            }
        }
        for (Prediction p : wiring.predictions()) {
            predict(p, training);
        }
    }

    /**
     * Warm start from given values of levels 1..L (for example those of the same images inferred earlier).
     *
     * @param values x_1..x_L, index 0 holding level 1, each [batch, n_l] (not modified)
     * @param training whether activations run in training mode
     */
    void startFrom(INDArray[] values, boolean training) {
        for (int l = 1; l <= top; l++) {
            x[l].assign(values[l - 1]);
        }
        for (Prediction p : wiring.predictions()) {
            predict(p, training);
        }
    }

    /**
     * Amortised start of the generative layer: every latent from the recognition pass, every prediction from them.
     *
     * @param training whether activations run in training mode
     * @throws IllegalStateException if the layer has no amortised start
     */
    void startAmortised(boolean training) {
        if (amortised == null) {
            throw new IllegalStateException("This layer has no amortised start");
        }
        amortised.start(x, params, training);
        for (Prediction p : wiring.predictions()) {
            predict(p, training);
        }
    }

    /**
     * Errors, weighted errors and energies of every level at the current values, recorded as step {@code step}.
     *
     * @return total energy, mean per example
     * @throws RelaxationDivergedException if a level's energy is not finite
     */
    private double errors(int step, String layerId) {
        double total = 0;
        for (int l = first; l <= top; l++) {
            // e = x - mu as a copy and an axpy: two of ND4J's cheapest calls, together less than half of one sub.
            e[l].assign(x[l]);
            Nd4j.getBlasWrapper().level1().axpy(e[l].length(), -1.0, mu[l], e[l]);
            double energy;
            if (categorical(l)) {
                pe[l] = e[l];
                energy = categoricalEnergy != null ? categoricalEnergy.energy() : Energy.categorical(x[l], mu[l], g[l]);
            } else {
                pe[l] = precision[l].weigh(e[l], weighted[l]);
                energy = Energy.gaussian(e[l], pe[l], precision[l]);
            }
            energy /= batch;
            if (!Double.isFinite(energy)) {
                throw new RelaxationDivergedException(layerId, l, step, energy);
            }
            trace[step][l - first] = energy;
            total += energy;
        }
        return total;
    }

    /**
     * g_t = f'(a_t) Pi_t e_t, f'(a_t) (d pool / d h)^T Pi_t e_t for a pooled prediction, or e_t for a clamped
     * categorical top (softmax and cross-entropy combined).
     */
    private void signal(Prediction p) {
        int t = p.target();
        if (categorical(t)) {
            g[t].assign(e[t]);
        } else if (tanh[t] != null) {
            tanh[t].derivative(mu[t], pe[t], g[t]);
        } else if (pooling[t] != null) {
            pooling[t].backward(activated[t], pe[t], routed[t]);
            ActivationDerivative.apply(p.activation(), a[t], activated[t], routed[t], g[t]);
        } else {
            ActivationDerivative.apply(p.activation(), a[t], mu[t], pe[t], g[t]);
        }
    }

    /**
     * Relaxation: up to T synchronous steps x_l <- x_l - eta_l (Pi_l e_l - sum J^T Pi e of the levels x_l predicts) on
     * every free level, then the error signals of every prediction at the final values, ready for
     * {@link #writeGradients} and {@link #epsilon}. A step that raises the total energy is counted ({@link #rises})
     * and never taken for convergence; the early-stop rule stops once a step lowers the energy by less than
     * {@code tolerance} times its value.
     *
     * @param training whether activations run in training mode
     * @param layerId layer description used in a divergence report
     * @throws RelaxationDivergedException if a level's energy becomes NaN or infinite
     * @throws EnergyRoseException if a step raises the energy and the layer is configured to fail on it
     */
    void relax(boolean training, String layerId) {
        int steps = conf.getRelaxationSteps();
        double tolerance = conf.getTolerance();
        double energy = errors(0, layerId);
        stepsTaken = 0;
        rises = 0;
        for (int t = 1; t <= steps; t++) {
            for (Prediction p : wiring.predictions()) {
                if (sourceFree(p)) {
                    signal(p);
                }
            }
            for (int l = 1; l <= top; l++) {
                if (free(l)) {
                    // x_l += eta J^T Pi e of each level it predicts, - eta Pi_l e_l: straight into the value.
                    for (Prediction p : wiring.madeFrom(l)) {
                        maps[p.target()].transpose(g[p.target()], w[p.target()], x[l], rate[l], 1.0);
                    }
                    Nd4j.getBlasWrapper().level1().axpy(x[l].length(), -rate[l], pe[l], x[l]);
                }
            }
            for (Prediction p : wiring.predictions()) {
                if (sourceFree(p)) {
                    predict(p, training);
                }
            }
            double next = errors(t, layerId);
            stepsTaken = t;
            boolean rose = next > energy + riseTolerance * Math.abs(energy);
            if (rose) {
                rises++;
                if (conf.isFailOnEnergyRise()) {
                    throw new EnergyRoseException(layerId, t, energy, next);
                }
            }
            boolean converged = tolerance > 0 && !rose && energy - next < tolerance * Math.abs(energy);
            energy = next;
            if (converged) {
                break;
            }
        }
        for (Prediction p : wiring.predictions()) {
            signal(p);
        }
    }

    /**
     * Writes the local gradients of the batch energy (summed over the batch) into the gradient views:
     * dF/dW = -x_source^T g_target, dF/db = -sum_n g_target (for a prior: dF/dm = -sum_n Pi_L e_L), precision per
     * {@link Precision#writeGradient} (running moments from the relaxed errors, or from the captured feed-forward
     * residual of a clamped top).
     *
     * @param params the layer's parameter table (not modified)
     * @param gradViews the layer's gradient views (modified)
     * @param layerId layer description used in an error report
     * @throws IllegalStateException naming the layer and level if a running moment is not finite
     */
    void writeGradients(Map<String, INDArray> params, Map<String, INDArray> gradViews, String layerId) {
        for (Prediction p : wiring.predictions()) {
            int t = p.target();
            if (p.isPrior()) {
                Gemm.multiply(ones, false, g[t], false, gradViews.get(p.biasKey()), -1.0, 0.0);
            } else {
                maps[t].weightGradient(x[p.source()], g[t], gradViews.get(p.weightKey()), -1.0);
                maps[t].biasGradient(g[t], gradViews.get(p.biasKey()), -1.0);
            }
        }
        if (amortised != null) {
            amortised.writeGradients(x, params, gradViews);
        }
        for (int l = first; l <= top; l++) {
            String key = wiring.level(l).paramKey();
            if (key != null) {
                INDArray source = l == top && residualCaptured ? residual : e[l];
                try {
                    precision[l].writeGradient(source, scratch[l], ones, params.get(key), gradViews.get(key));
                } catch (Moments.NonFiniteMomentException ex) {
                    throw new IllegalStateException(layerId + ": level " + l + ": " + ex.getMessage()
                            + " (option precisionEstimator RUNNING_MOMENTS); nothing was written to the parameters",
                            ex);
                }
            }
        }
    }

    /**
     * Replaces every weight gradient by its Kronecker-factored natural gradient (natural-gradient PC; see
     * {@link KroneckerWeightStep}). Call after {@link #writeGradients}. A clamped Gaussian top whose precision is
     * learned by running moments uses that precision as its G side: its G is the precision's running moment and its
     * gradient the unweighted error's.
     *
     * <p>K-FAC's KL clip follows ({@code algorithms.md} §3): with the batch-mean gradients V and natural gradients N,
     * every step is scaled by min(1, sqrt(kappa / (lr^2 sum(N * V)))), so no update moves the predictions more than
     * the trust region kappa allows; without it, directions where the error signals are small (hidden levels, whose
     * relaxed errors are a fraction of backprop's) get steps that make training diverge.
     *
     * @param steps the step of each prediction, indexed by predicted level (entries for priors unused)
     * @param params the layer's parameter table (not modified)
     * @param gradViews the layer's gradient views (overwritten for weights and biases)
     * @param klClip kappa, or 0 for no clip
     * @param learningRate the weights' learning rate this iteration (for the clip)
     */
    void preconditionWeights(KroneckerWeightStep[] steps, Map<String, INDArray> params,
            Map<String, INDArray> gradViews, double klClip, double learningRate) {
        double fisherNorm = 0;
        for (Prediction p : wiring.predictions()) {
            if (p.isPrior()) {
                continue;
            }
            int t = p.target();
            boolean precisionIsG = t == top && residualCaptured && !categorical[t];
            INDArray signal = g[t];
            INDArray outputFactor = null;
            if (precisionIsG) {
                signal = a[t].ulike();
                ActivationDerivative.apply(p.activation(), a[t], mu[t], e[t], signal);
                outputFactor = KroneckerWeightStep.outputFactorOf(params.get(wiring.level(t).paramKey()),
                        wiring.level(t).size());
            }
            fisherNorm += steps[t].precondition(x[p.source()], signal, outputFactor, gradViews.get(p.weightKey()),
                    gradViews.get(p.biasKey()));
        }
        // Summed gradients are m times the mean ones on both sides of N * V.
        double meanFisherNorm = fisherNorm / ((double) batch * batch) * learningRate * learningRate;
        if (klClip > 0 && meanFisherNorm > klClip) {
            double scale = Math.sqrt(klClip / meanFisherNorm);
            for (Prediction p : wiring.predictions()) {
                if (!p.isPrior()) {
                    gradViews.get(p.weightKey()).muli(scale);
                    gradViews.get(p.biasKey()).muli(scale);
                }
            }
        }
    }

    /**
     * dF/dx_0 from the predictions made from the input, -sum g W^T per example: the error signal handed to the
     * layers below.
     *
     * @param out [batch, n_0] (overwritten)
     */
    void epsilon(INDArray out) {
        double beta = 0.0;
        for (Prediction p : wiring.madeFrom(0)) {
            maps[p.target()].transpose(g[p.target()], w[p.target()], out, -1.0, beta);
            beta = 1.0;
        }
    }

    /**
     * Energy of the top level for the current prediction against {@code target}: the supervised layer's loss.
     * Allocates; not part of the relaxation loop.
     *
     * @param target targets [batch, n_L] (not modified)
     * @return per-example top energies, [batch, 1]
     */
    INDArray topEnergyPerExample(INDArray target) {
        if (wiring.level(top).categoricalWhenClamped()) {
            return Energy.categoricalPerExample(target, mu[top]);
        }
        return Energy.gaussianPerExample(target.sub(mu[top]), precision[top]);
    }
}
