package org.precis.pc.layers;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.pc.layers.Wiring.Prediction;

/**
 * The curvature bound of each level's relaxation step ({@code ALGORITHMS.md} §1b):
 * L_l = lambda_max(Pi_l) + sum over the predictions p made from level l of lambda_max(Pi_p) max f_p'^2 ||W_p||_2^2.
 * Scaled by steps eta_l &lt;= c / L_l, the Gauss-Newton part of the energy's Hessian has no eigenvalue above 2c, so
 * for c &lt; 1 no synchronous relaxation step raises it, whatever the precisions.
 *
 * <p>||W||_2^2 is the largest eigenvalue of W^T W, estimated by power iteration warm-started from the previous
 * batch's vector (a few iterations per batch suffice while the weights move slowly). The vectors are allocated once
 * and the start is drawn from a fixed seed, never from ND4J's generator, so the bound does not change the random
 * stream training uses.
 */
final class CurvatureBound {

    /** Most power iterations on the first batch, from the seeded start; they stop once the estimate settles. */
    static final int FIRST_ITERATIONS = 200;
    /** Relative change of the estimate below which the first batch's iterations stop. */
    static final double SETTLED = 1e-7;
    /** Power iterations on every later batch, from the previous vector. */
    static final int WARM_ITERATIONS = 3;
    /** Largest eigenvalue of the categorical top's Hessian in its logits, diag(p) - p p^T: at most 1/2. */
    static final double CATEGORICAL_CURVATURE = 0.5;

    private final Wiring wiring;
    /** Per predicted level: the right singular vector estimate [1, target size] and work rows. */
    private final INDArray[] v;
    private final INDArray[] wv;
    private final INDArray[] next;
    private boolean warm;

    CurvatureBound(Wiring wiring, DataType dataType) {
        this.wiring = wiring;
        int n = wiring.top() + 1;
        v = new INDArray[n];
        wv = new INDArray[n];
        next = new INDArray[n];
        Random rnd = new Random(17);
        for (Prediction p : wiring.predictions()) {
            if (p.isPrior()) {
                continue;
            }
            long targetSize = wiring.level(p.target()).size();
            double[] start = new double[(int) targetSize];
            for (int i = 0; i < start.length; i++) {
                start[i] = 1.0 + 0.5 * rnd.nextGaussian();
            }
            v[p.target()] = Nd4j.createFromArray(start).castTo(dataType).reshape(1, targetSize);
            wv[p.target()] = Nd4j.create(dataType, 1, wiring.level(p.source()).size());
            next[p.target()] = Nd4j.create(dataType, 1, targetSize);
        }
    }

    /**
     * ||W||_2^2 of one prediction's weights by power iteration on W^T W.
     *
     * @param target level the prediction predicts
     * @param w its weights [source size, target size] (not modified)
     * @return the estimate (a lower bound that the iterations tighten)
     */
    private double squaredNorm(int target, INDArray w) {
        INDArray x = v[target];
        double lambda = 0;
        int iterations = warm ? WARM_ITERATIONS : FIRST_ITERATIONS;
        for (int i = 0; i < iterations; i++) {
            double norm = x.norm2Number().doubleValue();
            if (norm == 0 || !Double.isFinite(norm)) {
                return 0;
            }
            x.divi(norm);
            Nd4j.gemm(x, w, wv[target], false, true, 1.0, 0.0);
            Nd4j.gemm(wv[target], w, next[target], false, false, 1.0, 0.0);
            double previous = lambda;
            lambda = next[target].norm2Number().doubleValue();
            x.assign(next[target]);
            if (!warm && Math.abs(lambda - previous) <= SETTLED * lambda) {
                break;
            }
        }
        return lambda;
    }

    /**
     * Fills {@code bound[l]} with L_l for every level from 1 to the top.
     *
     * @param precision refreshed precision of each level carrying an error (null elsewhere)
     * @param categorical whether each level is a clamped categorical top
     * @param w weights of each level's prediction (null for a prior or no prediction)
     * @param bound output, one per level (overwritten from level 1 up)
     */
    void compute(Precision[] precision, boolean[] categorical, INDArray[] w, double[] bound) {
        for (int l = 1; l <= wiring.top(); l++) {
            double sum = precision[l] == null ? 0 : precision[l].maxEigenvalue();
            for (Prediction p : wiring.madeFrom(l)) {
                int t = p.target();
                double curvature = categorical[t] ? CATEGORICAL_CURVATURE
                        : precision[t].maxEigenvalue() * square(ActivationDerivative.maxSlope(p.activation()));
                sum += curvature * squaredNorm(t, w[t]);
            }
            bound[l] = sum;
        }
        warm = true;
    }

    private static double square(double x) {
        return x * x;
    }
}
