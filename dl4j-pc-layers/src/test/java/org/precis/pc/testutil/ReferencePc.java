package org.precis.pc.testutil;

import org.precis.pc.conf.PrecisionForm;

/**
 * An independent, plain-Java (double) implementation of the PC energy of {@code algorithms.md} §1 and of
 * backpropagation for the same MLP, written from the equations and sharing no code with the library.
 * Weights are [nPrev][n] (a = x W + b); precision parameters as the library documents them.
 */
public final class ReferencePc {

    /** Activations the reference knows. */
    public enum Act {
        TANH, IDENTITY, SOFTMAX, RELU, SIGMOID
    }

    /** Network description: per level l = 1..L (index l - 1). */
    public static final class Net {
        public double[][][] w;
        public double[][] b;
        public PrecisionForm[] forms;
        public double[][][] s;
        public Act[] acts;
        public boolean categoricalTop;
    }

    private ReferencePc() {
    }

    public static double[][] preActivation(double[][] x, double[][] w, double[] b) {
        int n = x.length;
        int m = b.length;
        double[][] a = new double[n][m];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < m; j++) {
                double sum = b[j];
                for (int i = 0; i < x[r].length; i++) {
                    sum += x[r][i] * w[i][j];
                }
                a[r][j] = sum;
            }
        }
        return a;
    }

    public static double[][] activate(Act act, double[][] a) {
        double[][] out = new double[a.length][a[0].length];
        for (int r = 0; r < a.length; r++) {
            double max = Double.NEGATIVE_INFINITY;
            double z = 0;
            if (act == Act.SOFTMAX) {
                for (double v : a[r]) {
                    max = Math.max(max, v);
                }
                for (double v : a[r]) {
                    z += Math.exp(v - max);
                }
            }
            for (int j = 0; j < a[r].length; j++) {
                switch (act) {
                    case TANH:
                        out[r][j] = Math.tanh(a[r][j]);
                        break;
                    case IDENTITY:
                        out[r][j] = a[r][j];
                        break;
                    case RELU:
                        out[r][j] = Math.max(0, a[r][j]);
                        break;
                    case SIGMOID:
                        out[r][j] = 1 / (1 + Math.exp(-a[r][j]));
                        break;
                    default:
                        out[r][j] = Math.exp(a[r][j] - max) / z;
                }
            }
        }
        return out;
    }

    /** Pi of one level from its parameters. */
    public static double[][] precision(PrecisionForm form, double[][] s, int n) {
        double[][] pi = new double[n][n];
        switch (form) {
            case NONE:
                for (int i = 0; i < n; i++) {
                    pi[i][i] = 1;
                }
                return pi;
            case SCALAR:
                for (int i = 0; i < n; i++) {
                    pi[i][i] = Math.exp(-s[0][0]);
                }
                return pi;
            case DIAGONAL:
                for (int i = 0; i < n; i++) {
                    pi[i][i] = Math.exp(-s[0][i]);
                }
                return pi;
            default:
                double[][] c = new double[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < i; j++) {
                        c[i][j] = s[i][j];
                    }
                    c[i][i] = Math.exp(s[i][i]);
                }
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double sum = 0;
                        for (int k = 0; k < n; k++) {
                            sum += c[i][k] * c[j][k];
                        }
                        pi[i][j] = sum;
                    }
                }
                return pi;
        }
    }

    public static double logDet(PrecisionForm form, double[][] s, int n) {
        switch (form) {
            case NONE:
                return 0;
            case SCALAR:
                return -n * s[0][0];
            case DIAGONAL: {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum -= s[0][i];
                }
                return sum;
            }
            default: {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += 2 * s[i][i];
                }
                return sum;
            }
        }
    }

    /**
     * Energy F summed over the batch, values[0] = input, values[L] = top (labels when clamped).
     */
    public static double energy(Net net, double[][][] values) {
        int levels = net.w.length;
        double total = 0;
        for (int l = 1; l <= levels; l++) {
            double[][] a = preActivation(values[l - 1], net.w[l - 1], net.b[l - 1]);
            double[][] mu = activate(net.acts[l - 1], a);
            double[][] x = values[l];
            int n = mu[0].length;
            if (l == levels && net.categoricalTop) {
                for (int r = 0; r < x.length; r++) {
                    for (int j = 0; j < n; j++) {
                        total -= x[r][j] * Math.log(mu[r][j]);
                    }
                }
                continue;
            }
            double[][] pi = precision(net.forms[l - 1], net.s[l - 1], n);
            double ld = logDet(net.forms[l - 1], net.s[l - 1], n);
            for (int r = 0; r < x.length; r++) {
                double q = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        q += (x[r][i] - mu[r][i]) * pi[i][j] * (x[r][j] - mu[r][j]);
                    }
                }
                total += 0.5 * q - 0.5 * ld;
            }
        }
        return total;
    }

    /**
     * Backprop gradients (summed over the batch) of sum_n 1/2 ||y_n - mu_L||^2 for an MLP with the same weights;
     * returns dW per level, [level][nPrev][n].
     */
    public static double[][][] backpropWeightGradients(Net net, double[][] input, double[][] y) {
        int levels = net.w.length;
        double[][][] acts = new double[levels + 1][][];
        double[][][] pre = new double[levels + 1][][];
        acts[0] = input;
        for (int l = 1; l <= levels; l++) {
            pre[l] = preActivation(acts[l - 1], net.w[l - 1], net.b[l - 1]);
            acts[l] = activate(net.acts[l - 1], pre[l]);
        }
        double[][] delta = new double[y.length][y[0].length];
        for (int r = 0; r < y.length; r++) {
            for (int j = 0; j < y[0].length; j++) {
                delta[r][j] = (acts[levels][r][j] - y[r][j]) * derivative(net.acts[levels - 1], pre[levels][r][j]);
            }
        }
        double[][][] grads = new double[levels][][];
        for (int l = levels; l >= 1; l--) {
            double[][] xPrev = acts[l - 1];
            double[][] g = new double[xPrev[0].length][delta[0].length];
            for (int r = 0; r < delta.length; r++) {
                for (int i = 0; i < xPrev[0].length; i++) {
                    for (int j = 0; j < delta[0].length; j++) {
                        g[i][j] += xPrev[r][i] * delta[r][j];
                    }
                }
            }
            grads[l - 1] = g;
            if (l > 1) {
                double[][] next = new double[delta.length][xPrev[0].length];
                for (int r = 0; r < delta.length; r++) {
                    for (int i = 0; i < xPrev[0].length; i++) {
                        double sum = 0;
                        for (int j = 0; j < delta[0].length; j++) {
                            sum += delta[r][j] * net.w[l - 1][i][j];
                        }
                        next[r][i] = sum * derivative(net.acts[l - 2], pre[l - 1][r][i]);
                    }
                }
                delta = next;
            }
        }
        return grads;
    }

    private static double derivative(Act act, double a) {
        if (act == Act.TANH) {
            double t = Math.tanh(a);
            return 1 - t * t;
        }
        if (act == Act.IDENTITY) {
            return 1;
        }
        if (act == Act.RELU) {
            return a > 0 ? 1 : 0;
        }
        if (act == Act.SIGMOID) {
            double sg = 1 / (1 + Math.exp(-a));
            return sg * (1 - sg);
        }
        throw new IllegalArgumentException("Reference backprop supports elementwise activations only");
    }
}
