package org.precis.pc.precision;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.inverse.InvertMatrix;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.precis.pc.conf.PrecisionForm;

/**
 * The precision Pi of one predictive-coding level, from its log-variance parameters s ({@code ALGORITHMS.md} §1):
 * scalar Pi = exp(-s) I, diagonal Pi = diag(exp(-s)), full Pi = C C^T with C lower triangular and
 * C_ii = exp(t_i) (t the diagonal of the parameter matrix).
 *
 * <p>Call order: {@link #refresh(INDArray)} whenever the parameters may have changed (once per batch), then any
 * number of {@link #weigh}, {@link #logDet()} and {@link #gradient} calls. Buffers are allocated once, in the
 * constructor, so the relaxation loop that calls {@link #weigh} allocates nothing. Not thread-safe.
 */
public final class LevelPrecision {

    private final PrecisionForm form;
    private final long size;
    /** Diagonal form: exp(-s) as a row; full form: C C^T. */
    private final INDArray pi;
    /** Full form only: the Cholesky factor C. */
    private final INDArray chol;
    /** Full form only: 1 below the diagonal, 0 elsewhere. */
    private final INDArray strictLower;
    /** Full form only: n x n work matrices for the gradient. */
    private final INDArray outer;
    private final INDArray outerTimesChol;
    private double scalarPi;
    private double logDet;

    /**
     * Allocates the buffers of one level, outside any workspace (they live as long as the layer).
     *
     * @param form precision form
     * @param size units of the level
     * @param dataType network data type
     */
    public LevelPrecision(PrecisionForm form, long size, DataType dataType) {
        this.form = form;
        this.size = size;
        try (var ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            pi = form == PrecisionForm.DIAGONAL ? Nd4j.create(dataType, 1, size)
                    : form == PrecisionForm.FULL ? Nd4j.create(dataType, size, size) : null;
            if (form == PrecisionForm.FULL) {
                chol = Nd4j.create(dataType, size, size);
                strictLower = Nd4j.create(dataType, size, size);
                for (long i = 0; i < size; i++) {
                    for (long j = 0; j < i; j++) {
                        strictLower.putScalar(i, j, 1.0);
                    }
                }
                outer = Nd4j.create(dataType, size, size);
                outerTimesChol = Nd4j.create(dataType, size, size);
            } else {
                chol = null;
                strictLower = null;
                outer = null;
                outerTimesChol = null;
            }
        }
    }

    /** @return the form of this precision */
    public PrecisionForm form() {
        return form;
    }

    /**
     * Recomputes Pi and log det Pi from the parameters.
     *
     * @param s parameters of the level (not modified); ignored for {@link PrecisionForm#NONE}
     */
    public void refresh(INDArray s) {
        switch (form) {
            case NONE:
                logDet = 0.0;
                break;
            case SCALAR:
                scalarPi = Math.exp(-s.getDouble(0));
                logDet = -size * s.getDouble(0);
                break;
            case DIAGONAL:
                pi.assign(s);
                Transforms.exp(pi.negi(), false);
                logDet = -s.sumNumber().doubleValue();
                break;
            case FULL:
                chol.assign(s).muli(strictLower);
                double sum = 0;
                for (long i = 0; i < size; i++) {
                    double t = s.getDouble(i, i);
                    chol.putScalar(i, i, Math.exp(t));
                    sum += t;
                }
                logDet = 2 * sum;
                Nd4j.gemm(chol, chol, pi, false, true, 1.0, 0.0);
                break;
            default:
                throw new IllegalStateException("Unknown precision form " + form);
        }
    }

    /**
     * Precision-weighted error Pi e, row by row.
     *
     * @param e errors, [batch, n] (not modified)
     * @param out buffer [batch, n] for the result (overwritten unless the form is NONE)
     * @return {@code out} holding Pi e, or {@code e} itself for {@link PrecisionForm#NONE}
     */
    public INDArray weigh(INDArray e, INDArray out) {
        switch (form) {
            case NONE:
                return e;
            case SCALAR:
                return e.mul(scalarPi, out);
            case DIAGONAL:
                return out.assign(e).muliRowVector(pi);
            case FULL:
                // Pi is symmetric, so the rows of e Pi are Pi e_n.
                Nd4j.gemm(e, pi, out, false, false, 1.0, 0.0);
                return out;
            default:
                throw new IllegalStateException("Unknown precision form " + form);
        }
    }

    /** @return log det Pi at the last {@link #refresh} */
    public double logDet() {
        return logDet;
    }

    /**
     * Gradient of the batch energy sum_n [1/2 e_n^T Pi e_n - 1/2 log det Pi] with respect to the parameters,
     * summed over the batch (DL4J divides by the batch size in its updater).
     *
     * @param e errors at the relaxed values, [batch, n] (not modified)
     * @param scratch work buffer [batch, n] (overwritten)
     * @param ones row of ones [1, batch] (not modified)
     * @param grad gradient view of the parameters (overwritten)
     */
    public void gradient(INDArray e, INDArray scratch, INDArray ones, INDArray grad) {
        double batch = e.size(0);
        switch (form) {
            case NONE:
                return;
            case SCALAR: {
                double sq = Nd4j.getBlasWrapper().dot(e, e);
                grad.putScalar(0, 0.5 * (batch * size - scalarPi * sq));
                return;
            }
            case DIAGONAL: {
                e.mul(e, scratch);
                Nd4j.gemm(ones, scratch, grad, false, false, 1.0, 0.0);
                grad.muli(pi).negi().addi(batch).muli(0.5);
                return;
            }
            case FULL: {
                // dF/dC = (sum_n e_n e_n^T) C on the strict lower triangle; through C_ii = exp(t_i) on the diagonal,
                // where -1/2 log det Pi = -sum_i t_i adds -1 per batch row.
                Nd4j.gemm(e, e, outer, true, false, 1.0, 0.0);
                Nd4j.gemm(outer, chol, outerTimesChol, false, false, 1.0, 0.0);
                grad.assign(outerTimesChol).muli(strictLower);
                for (long i = 0; i < size; i++) {
                    grad.putScalar(i, i, outerTimesChol.getDouble(i, i) * chol.getDouble(i, i) - batch);
                }
                return;
            }
            default:
                throw new IllegalStateException("Unknown precision form " + form);
        }
    }

    /**
     * Projects the parameters in place so every variance stays in [floor, ceiling]: s in [ln floor, ln ceiling]
     * for the scalar and diagonal forms; for the full form the Cholesky diagonal, C_ii^2 in
     * [1/ceiling, 1/floor] (exact for a diagonal C, a bound on the conditional precisions otherwise).
     *
     * @param form precision form of the parameters
     * @param s parameters (modified)
     * @param floor variance floor
     * @param ceiling variance ceiling
     */
    public static void project(PrecisionForm form, INDArray s, double floor, double ceiling) {
        switch (form) {
            case NONE:
                return;
            case SCALAR:
            case DIAGONAL:
                clampInPlace(s, Math.log(floor), Math.log(ceiling));
                return;
            case FULL:
                double lo = -0.5 * Math.log(ceiling);
                double hi = -0.5 * Math.log(floor);
                for (long i = 0; i < s.size(0); i++) {
                    double t = s.getDouble(i, i);
                    s.putScalar(i, i, Math.min(hi, Math.max(lo, t)));
                }
                return;
            default:
                throw new IllegalStateException("Unknown precision form " + form);
        }
    }

    private static void clampInPlace(INDArray a, double lo, double hi) {
        Transforms.max(a, lo, false);
        Transforms.min(a, hi, false);
    }

    /**
     * Variances (diagonal of Sigma = Pi^-1) implied by the parameters; allocates, meant for statistics.
     *
     * @param s parameters (not modified)
     * @return one variance per unit (size n); all 1 for {@link PrecisionForm#NONE}
     */
    public double[] variances(INDArray s) {
        double[] v = new double[(int) size];
        switch (form) {
            case NONE:
                java.util.Arrays.fill(v, 1.0);
                return v;
            case SCALAR:
                java.util.Arrays.fill(v, Math.exp(s.getDouble(0)));
                return v;
            case DIAGONAL:
                for (int i = 0; i < size; i++) {
                    v[i] = Math.exp(s.getDouble(i));
                }
                return v;
            case FULL:
                refresh(s);
                INDArray sigma = InvertMatrix.invert(pi.castTo(DataType.DOUBLE), false);
                for (int i = 0; i < size; i++) {
                    v[i] = sigma.getDouble(i, i);
                }
                return v;
            default:
                throw new IllegalStateException("Unknown precision form " + form);
        }
    }
}
