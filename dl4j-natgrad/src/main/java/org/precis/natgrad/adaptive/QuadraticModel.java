package org.precis.natgrad.adaptive;

/**
 * The quadratic model of the loss restricted to the span of a few directions {@code v_i} (Martens and Grosse 2015,
 * section 7): for {@code delta = sum_i w_i v_i},
 * {@code M(delta) - M(0) = w^T b + 1/2 w^T C w}, with {@code b_i = g^T v_i} ({@code g} the gradient),
 * {@code C_ij = v_i^T (F + eta) v_j} (the exact Fisher plus the weight-decay term) and, for damping {@code lambda},
 * the damped model adds {@code 1/2 lambda w^T D w} with {@code D_ij = v_i^T v_j}. Immutable; arrays are copied.
 */
final class QuadraticModel {

    /** Below this relative determinant the two directions count as parallel and the second is dropped. */
    private static final double PARALLEL_DIRECTIONS = 1e-12;

    private final double[][] curvature;
    private final double[][] gram;
    private final double[] gradient;

    /**
     * @param curvature {@code C}, symmetric, {@code n x n} ({@code n} = 1 or 2)
     * @param gram      {@code D}, symmetric, {@code n x n}
     * @param gradient  {@code b}, length {@code n}
     */
    QuadraticModel(double[][] curvature, double[][] gram, double[] gradient) {
        int n = gradient.length;
        if (n < 1 || n > 2 || curvature.length != n || gram.length != n) {
            throw new IllegalArgumentException("a quadratic model over 1 or 2 directions needs n x n matrices, got n = "
                    + n);
        }
        this.curvature = copy(curvature);
        this.gram = copy(gram);
        this.gradient = gradient.clone();
    }

    /**
     * Minimises the damped model over the span. With two directions whose damped 2 x 2 system is singular (parallel
     * directions, or a zero previous step) the second coefficient is 0 and the first minimises alone.
     *
     * @param damping {@code lambda >= 0}
     * @return the coefficients {@code w} (length {@code n}); non-finite when the damped curvature along the first
     *         direction is not positive
     */
    double[] minimise(double damping) {
        double a00 = curvature[0][0] + damping * gram[0][0];
        if (gradient.length == 2) {
            double a01 = curvature[0][1] + damping * gram[0][1];
            double a11 = curvature[1][1] + damping * gram[1][1];
            double det = a00 * a11 - a01 * a01;
            if (det > PARALLEL_DIRECTIONS * a00 * a11) {
                return new double[] {(-gradient[0] * a11 + gradient[1] * a01) / det,
                    (-gradient[1] * a00 + gradient[0] * a01) / det};
            }
            return new double[] {-gradient[0] / a00, 0.0};
        }
        return new double[] {-gradient[0] / a00};
    }

    /**
     * @param w coefficients, length {@code n}
     * @return the undamped change {@code M(delta) - M(0) = w^T b + 1/2 w^T C w}, the prediction that the
     *         Levenberg-Marquardt rule compares with the loss's actual change (damping excluded, as kfac-jax does by
     *         default: the damping is a trust-region device, not part of the loss)
     */
    double change(double[] w) {
        double value = 0.0;
        for (int i = 0; i < w.length; i++) {
            value += w[i] * gradient[i];
            for (int j = 0; j < w.length; j++) {
                value += 0.5 * w[i] * curvature[i][j] * w[j];
            }
        }
        return value;
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            if (m[i].length != m.length) {
                throw new IllegalArgumentException("matrix row " + i + " has length " + m[i].length + ", expected "
                        + m.length);
            }
            c[i] = m[i].clone();
        }
        return c;
    }
}
