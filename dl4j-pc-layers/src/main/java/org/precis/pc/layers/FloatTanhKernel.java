package org.precis.pc.layers;

import java.nio.FloatBuffer;
import java.util.IdentityHashMap;
import java.util.Map;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise work of a dense tanh prediction in the relaxation loop, in Java, for {@code FLOAT} networks on
 * the CPU backend: mu = tanh(a + b) after the prediction's GEMM, and the error signal g = (1 - mu^2) Pi e.
 *
 * <p>Why: ND4J 1.0.0-M2.1 evaluates tanh one element at a time with the C library (about 4 ns per value here, as
 * long as a 128 x 256 x 256 GEMM for a 128 x 256 level), and its row-vector bias add is a broadcast op that costs
 * ten times a plain one. Here the values are copied into Java arrays (a bulk copy), computed by loops that the JIT
 * compiles to vector instructions, and copied back: about a fifth of ND4J's time per level, and nothing allocated.
 *
 * <p>tanh is Lambert's continued fraction tanh x = x / (1 + x^2 / (3 + x^2 / (5 + ...))) cut after the term 23,
 * i.e. the [13/12] Padé approximant x P(x^2) / Q(x^2) with P, Q of degree 6 and positive integer coefficients,
 * evaluated in float on |x| &le; 9.1 (beyond 9.01, tanh x rounds to 1 in float, as does the approximant at 9.1)
 * and kept within [-1, 1]. Its relative error on |x| &le; 9 is below 4e-8 in exact arithmetic; evaluated in float
 * it is within 7 units in the last place of the correctly rounded tanh (at most 4e-7 relative; the test bounds it
 * against {@link Math#tanh}), far below anything relaxation can notice, and NaN stays NaN. Plain multiplications
 * rather than {@link Math#fma}, which is slow on processors without FMA. {@code DOUBLE} networks (gradient checks)
 * keep ND4J's tanh.
 *
 * <p>Arrays must be the engine's own buffers ({@link #accepts}); {@link JavaKernels} says when the kernels are on.
 * Not thread-safe; one kernel per prediction.
 */
final class FloatTanhKernel {

    /** Beyond this |x| the approximant is held at its value at the bound, which is 1 in float, as is tanh. */
    private static final float CLAMP = 9.1f;
    // P and Q of the [13/12] Padé approximant of tanh: tanh x ~ x P(x^2) / Q(x^2).
    private static final float P0 = 7905853580625f;
    private static final float P1 = 1159525191825f;
    private static final float P2 = 41247931725f;
    private static final float P3 = 523783260f;
    private static final float P4 = 2552550f;
    private static final float P5 = 4095f;
    private static final float Q0 = 7905853580625f;
    private static final float Q1 = 3794809718700f;
    private static final float Q2 = 252070693875f;
    private static final float Q3 = 5237832600f;
    private static final float Q4 = 41351310f;
    private static final float Q5 = 120120f;
    private static final float Q6 = 91f;

    private final int rows;
    private final int cols;
    private final float[] first;
    private final float[] second;
    private final float[] bias;
    /** Float views of the engine's buffers, made once per buffer. */
    private final Map<INDArray, FloatBuffer> views = new IdentityHashMap<>();

    /**
     * @param rows the batch size
     * @param cols the level size
     */
    FloatTanhKernel(long rows, long cols) {
        this.rows = Math.toIntExact(rows);
        this.cols = Math.toIntExact(cols);
        first = new float[Math.multiplyExact(this.rows, this.cols)];
        second = new float[first.length];
        bias = new float[this.cols];
    }

    /**
     * @param activation the prediction's activation
     * @param buffer one of the prediction's buffers
     * @return whether a kernel can serve a prediction with this activation and buffer ({@link JavaKernels#accept})
     */
    static boolean accepts(IActivation activation, INDArray buffer) {
        return activation instanceof ActivationTanH && JavaKernels.accept(buffer);
    }

    /**
     * Reads the bias of this batch (it does not move during relaxation). Call after every parameter change.
     *
     * @param b the bias [1, cols] (not modified)
     */
    void bindBias(INDArray b) {
        for (int j = 0; j < cols; j++) {
            bias[j] = b.getFloat(j);
        }
    }

    /**
     * a += b (the bias of {@link #bindBias}, per row), mu = tanh(a).
     *
     * @param a pre-activation without the bias [rows, cols] (modified)
     * @param mu prediction (overwritten)
     */
    void biasAndTanh(INDArray a, INDArray mu) {
        FloatBuffer in = view(a);
        in.get(0, first);
        for (int r = 0, i = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++, i++) {
                first[i] += bias[j];
            }
        }
        in.put(0, first);
        tanh(first, second);
        view(mu).put(0, second);
    }

    /**
     * out = (1 - mu^2) eps, tanh's derivative from the prediction, in the order of ND4J's ops (bit for bit).
     *
     * @param mu prediction tanh(a) (not modified)
     * @param eps output-side signal (not modified)
     * @param out result (overwritten)
     */
    void derivative(INDArray mu, INDArray eps, INDArray out) {
        view(mu).get(0, first);
        view(eps).get(0, second);
        for (int i = 0; i < first.length; i++) {
            float m = first[i];
            first[i] = (1f - m * m) * second[i];
        }
        view(out).put(0, first);
    }

    /**
     * out = tanh(in), element-wise, within 7 float units in the last place.
     *
     * @param in values (not modified)
     * @param out result (same length; may be {@code in})
     */
    static void tanh(float[] in, float[] out) {
        for (int i = 0; i < in.length; i++) {
            // NaN passes through min and max, so a diverging relaxation still reports NaN.
            float x = Math.max(-CLAMP, Math.min(CLAMP, in[i]));
            float z = x * x;
            float p = (((((z + P5) * z + P4) * z + P3) * z + P2) * z + P1) * z + P0;
            float q = (((((Q6 * z + Q5) * z + Q4) * z + Q3) * z + Q2) * z + Q1) * z + Q0;
            // Rounding in float takes the approximant up to 2 ulps above 1 near x = 8.3: tanh never exceeds 1.
            out[i] = Math.max(-1f, Math.min(1f, x * (p / q)));
        }
    }

    private FloatBuffer view(INDArray array) {
        FloatBuffer buffer = views.get(array);
        if (buffer == null) {
            if (array.length() != first.length) {
                throw new IllegalArgumentException("Kernel of " + rows + " x " + cols + " given an array of "
                        + array.length() + " values");
            }
            buffer = array.data().asNioFloat();
            views.put(array, buffer);
        }
        return buffer;
    }
}
