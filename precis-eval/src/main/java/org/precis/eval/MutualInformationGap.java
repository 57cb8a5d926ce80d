package org.precis.eval;

import java.util.Arrays;

/**
 * Mutual information gap (MIG), a disentanglement score of a code with respect to known discrete factors of
 * variation (R. T. Q. Chen, X. Li, R. Grosse, D. Duvenaud, "Isolating sources of disentanglement in variational
 * autoencoders", NeurIPS 2018):
 *
 * <pre>
 *   MIG = 1/K sum_k ( I(z_{j(1)}; v_k) - I(z_{j(2)}; v_k) ) / H(v_k)
 * </pre>
 *
 * where j(1) and j(2) are the code dimensions with the largest and second-largest mutual information with factor
 * v_k. Each code dimension is discretised into equal-width bins between its minimum and maximum, as in the
 * common implementations; information is in nats. MIG is 1 when every factor is captured fully by one dimension
 * and by no other, and near 0 when no dimension singles a factor out. Plug-in estimates are biased upwards by
 * roughly (bins - 1)(values - 1) / (2 N) nats, so use many more examples than bins times factor values.
 */
public final class MutualInformationGap {

    /** Default number of equal-width bins per code dimension (the value of the common implementations). */
    public static final int DEFAULT_BINS = 20;

    private MutualInformationGap() {
    }

    /**
     * MIG with {@value #DEFAULT_BINS} bins per code dimension.
     *
     * @param code [examples][dimensions] code, at least two dimensions (not modified)
     * @param factors [examples][factors] discrete factor values, each factor taking at least two values (not
     *     modified)
     * @return the score, in [0, 1]
     */
    public static double compute(double[][] code, int[][] factors) {
        return compute(code, factors, DEFAULT_BINS);
    }

    /**
     * MIG with a given number of bins per code dimension.
     *
     * @param code [examples][dimensions] code, at least two dimensions (not modified)
     * @param factors [examples][factors] discrete factor values, each factor taking at least two values (not
     *     modified)
     * @param bins equal-width bins per code dimension, at least 2
     * @return the score, in [0, 1]
     * @throws IllegalArgumentException on mismatched or empty inputs, or a constant factor (MIG is undefined)
     */
    public static double compute(double[][] code, int[][] factors, int bins) {
        if (code.length == 0 || code.length != factors.length) {
            throw new IllegalArgumentException("MIG: code and factors need the same, positive number of examples,"
                    + " got " + code.length + " and " + factors.length);
        }
        if (code[0].length < 2) {
            throw new IllegalArgumentException("MIG needs at least two code dimensions, got " + code[0].length);
        }
        if (factors[0].length == 0) {
            throw new IllegalArgumentException("MIG needs at least one factor");
        }
        if (bins < 2) {
            throw new IllegalArgumentException("MIG needs at least 2 bins, got " + bins);
        }
        int dims = code[0].length;
        int[][] binned = new int[dims][];
        for (int j = 0; j < dims; j++) {
            binned[j] = discretise(column(code, j), bins);
        }
        double sum = 0;
        for (int k = 0; k < factors[0].length; k++) {
            int[] v = new int[factors.length];
            for (int n = 0; n < v.length; n++) {
                v[n] = factors[n][k];
            }
            double h = mutualInformation(v, v);
            if (h <= 0) {
                throw new IllegalArgumentException("MIG: factor " + k + " is constant, so its entropy is 0");
            }
            double[] mi = new double[dims];
            for (int j = 0; j < dims; j++) {
                mi[j] = mutualInformation(binned[j], v);
            }
            Arrays.sort(mi);
            sum += (mi[dims - 1] - mi[dims - 2]) / h;
        }
        return sum / factors[0].length;
    }

    private static double[] column(double[][] m, int j) {
        double[] c = new double[m.length];
        for (int n = 0; n < m.length; n++) {
            c[n] = m[n][j];
        }
        return c;
    }

    /** Equal-width bins between the minimum and maximum; a constant dimension falls in one bin. */
    static int[] discretise(double[] values, int bins) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("MIG: the code contains a non-finite value " + v);
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int[] out = new int[values.length];
        if (max > min) {
            for (int n = 0; n < values.length; n++) {
                out[n] = Math.min(bins - 1, (int) Math.floor((values[n] - min) / (max - min) * bins));
            }
        }
        return out;
    }

    /**
     * Plug-in mutual information of two discrete variables, in nats; I(a; a) is the entropy of a.
     *
     * @param a values of the first variable per example (not modified)
     * @param b values of the second variable per example (not modified)
     * @return I(a; b)
     */
    static double mutualInformation(int[] a, int[] b) {
        int[] ia = dense(a);
        int[] ib = dense(b);
        int na = max(ia) + 1;
        int nb = max(ib) + 1;
        double[][] joint = new double[na][nb];
        double[] pa = new double[na];
        double[] pb = new double[nb];
        double w = 1.0 / a.length;
        for (int n = 0; n < a.length; n++) {
            joint[ia[n]][ib[n]] += w;
            pa[ia[n]] += w;
            pb[ib[n]] += w;
        }
        double mi = 0;
        for (int i = 0; i < na; i++) {
            for (int j = 0; j < nb; j++) {
                if (joint[i][j] > 0) {
                    mi += joint[i][j] * Math.log(joint[i][j] / (pa[i] * pb[j]));
                }
            }
        }
        return Math.max(0.0, mi);
    }

    /** Relabels values as 0..(distinct - 1) in sorted order, so arbitrary integer labels work. */
    private static int[] dense(int[] values) {
        int[] sorted = Arrays.stream(values).distinct().sorted().toArray();
        int[] out = new int[values.length];
        for (int n = 0; n < values.length; n++) {
            out[n] = Arrays.binarySearch(sorted, values[n]);
        }
        return out;
    }

    private static int max(int[] values) {
        int m = 0;
        for (int v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
