package org.precis.pc.layers;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.pc.layers.Wiring.Prediction;

/**
 * The curvature bound of each level's relaxation step ({@code algorithms.md} §1b):
 * L_l = lambda_max(Pi_l) + sum over the predictions p made from level l of
 * lambda_max(Pi_p) max f_p'^2 ||P_p||^2 ||J_p||_2^2, with J_p the prediction's linear map (the weight matrix, or the
 * convolution as an operator on the flattened image) and ||P_p|| a bound of its pooling's Jacobian (1 without
 * pooling). Scaled by steps eta_l &lt;= c / L_l, the Gauss-Newton part of the energy's Hessian has no eigenvalue
 * above 2c, so for c &lt; 1 no synchronous relaxation step raises it, whatever the precisions.
 *
 * <p>||J||_2^2 is the largest eigenvalue of J J^T, estimated by power iteration with the map's own forward and
 * transposed directions ({@link LinearMap}, on one row), warm-started from the previous batch's vector (a few
 * iterations per batch suffice while the weights move slowly). The vectors are allocated once and the start is drawn
 * from a fixed seed, never from ND4J's generator, so the bound does not change the random stream training uses.
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
    /** Per predicted level: its linear map on one row. */
    private final LinearMap[] maps;
    /** Per predicted level: the left singular vector estimate [1, pre-activation size] and work rows. */
    private final INDArray[] v;
    private final INDArray[] wv;
    private final INDArray[] next;
    private boolean warm;

    CurvatureBound(Wiring wiring, DataType dataType) {
        this.wiring = wiring;
        int n = wiring.top() + 1;
        maps = new LinearMap[n];
        v = new INDArray[n];
        wv = new INDArray[n];
        next = new INDArray[n];
        Random rnd = new Random(17);
        for (Prediction p : wiring.predictions()) {
            if (p.isPrior()) {
                continue;
            }
            long targetSize = LinearMap.preActivationSize(p, wiring.level(p.target()).size());
            maps[p.target()] = LinearMap.of(p, 1, dataType);
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
     * ||J||_2^2 of one prediction's linear map by power iteration on J J^T.
     *
     * @param target level the prediction predicts
     * @param w its weights (not modified)
     * @return the estimate (a lower bound that the iterations tighten)
     */
    private double squaredNorm(int target, INDArray w) {
        INDArray x = v[target];
        // x is kept at unit length between iterations and batches: each iteration is two products, one norm and
        // one scaled copy back into x (four ND4J calls, which is what an iteration costs at these sizes).
        double start = Math.sqrt(Reductions.squaredNorm(x));
        if (start == 0 || !Double.isFinite(start)) {
            return 0;
        }
        if (Math.abs(start - 1.0) > 1e-6) {
            x.divi(start);
        }
        double lambda = 0;
        int iterations = warm ? WARM_ITERATIONS : FIRST_ITERATIONS;
        for (int i = 0; i < iterations; i++) {
            maps[target].transpose(x, w, wv[target], 1.0, 0.0);
            maps[target].forward(wv[target], w, next[target]);
            double previous = lambda;
            lambda = Math.sqrt(Reductions.squaredNorm(next[target]));
            if (lambda == 0 || !Double.isFinite(lambda)) {
                return 0;
            }
            next[target].div(lambda, x);
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
                double slope = ActivationDerivative.maxSlope(p.activation())
                        * (p.convolution() == null ? 1.0 : p.convolution().level().poolingNormBound());
                double curvature = categorical[t] ? CATEGORICAL_CURVATURE
                        : precision[t].maxEigenvalue() * square(slope);
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
