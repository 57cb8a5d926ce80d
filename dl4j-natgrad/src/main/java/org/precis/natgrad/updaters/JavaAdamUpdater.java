package org.precis.natgrad.updaters;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The worker of {@link JavaAdam}: ND4J's {@link AdamUpdater} (same state, same update) whose
 * {@link #applyUpdater} runs a Java loop over the gradient and the two moments when all three are {@code FLOAT}
 * runs of host memory with one layout, and ND4J's op otherwise.
 *
 * <p>The loop reads the arrays through {@link FloatBuffer} views in chunks of {@value #CHUNK} values (a bulk copy
 * each way), so its Java arrays stay in the core's cache and their size does not grow with the network; each chunk
 * is one pass the JIT compiles to vector instructions. The arithmetic is ND4J's, in float, in the same order:
 * bias correction {@code alpha_t = lr sqrt(1 - beta2^(t+1)) / (1 - beta1^(t+1))} for the zero-based iteration
 * {@code t}, replaced by epsilon when it is not a finite non-zero number, as ND4J does. Not thread-safe, like
 * every DL4J updater.
 */
final class JavaAdamUpdater extends AdamUpdater {

    /** Values per chunk: three chunks of 32 kB stay within a core's L2 cache. */
    static final int CHUNK = 8192;

    private final float[] gradientChunk = new float[CHUNK];
    private final float[] meanChunk = new float[CHUNK];
    private final float[] varianceChunk = new float[CHUNK];

    JavaAdamUpdater(Adam config) {
        super(config);
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        INDArray m = getM();
        INDArray v = getV();
        if (m == null || v == null || !sameRunOfFloats(gradient, m, v)) {
            super.applyUpdater(gradient, iteration, epoch);
            return;
        }
        Adam c = getConfig();
        float beta1 = (float) c.getBeta1();
        float beta2 = (float) c.getBeta2();
        float epsilon = (float) c.getEpsilon();
        float alpha = biasCorrectedRate((float) c.getLearningRate(iteration, epoch), beta1, beta2, epsilon, iteration);
        step(buffer(gradient), gradient.offset(), buffer(m), m.offset(), buffer(v), v.offset(),
                Math.toIntExact(gradient.length()), beta1, beta2, epsilon, alpha);
    }

    /**
     * alpha_t of ND4J's op, in float: lr sqrt(1 - beta2^(t+1)) / (1 - beta1^(t+1)), or epsilon when that is NaN,
     * infinite or zero.
     */
    static float biasCorrectedRate(float learningRate, float beta1, float beta2, float epsilon, int iteration) {
        float t = iteration + 1f;
        float beta1t = (float) Math.pow(beta1, t);
        float beta2t = (float) Math.pow(beta2, t);
        float alpha = (float) (learningRate * (float) Math.sqrt((float) (1.0 - beta2t)) / (1.0 - beta1t));
        return Float.isFinite(alpha) && alpha != 0f ? alpha : epsilon;
    }

    private void step(FloatBuffer g, long gOffset, FloatBuffer m, long mOffset, FloatBuffer v, long vOffset,
            int length, float beta1, float beta2, float epsilon, float alpha) {
        float keep1 = 1f - beta1;
        float keep2 = 1f - beta2;
        for (int start = 0; start < length; start += CHUNK) {
            int n = Math.min(CHUNK, length - start);
            int gi = Math.toIntExact(gOffset + start);
            int mi = Math.toIntExact(mOffset + start);
            int vi = Math.toIntExact(vOffset + start);
            g.get(gi, gradientChunk, 0, n);
            m.get(mi, meanChunk, 0, n);
            v.get(vi, varianceChunk, 0, n);
            for (int i = 0; i < n; i++) {
                float grad = gradientChunk[i];
                float mean = beta1 * meanChunk[i] + grad * keep1;
                float variance = beta2 * varianceChunk[i] + grad * grad * keep2;
                meanChunk[i] = mean;
                varianceChunk[i] = variance;
                gradientChunk[i] = mean * alpha / ((float) Math.sqrt(variance) + epsilon);
            }
            m.put(mi, meanChunk, 0, n);
            v.put(vi, varianceChunk, 0, n);
            g.put(gi, gradientChunk, 0, n);
        }
    }

    /**
     * Whether the loop can serve these arrays: {@code FLOAT} in host memory on a little-endian machine, the same
     * shape, each one run of memory (element-wise stride 1) in the same order unless all are vectors, within the
     * reach of a {@link FloatBuffer}'s int index.
     */
    static boolean sameRunOfFloats(INDArray gradient, INDArray m, INDArray v) {
        if (!Nd4j.getEnvironment().isCPU() || ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            return false;
        }
        boolean vectors = gradient.isVector() && m.isVector() && v.isVector();
        for (INDArray a : new INDArray[] {gradient, m, v}) {
            if (a.dataType() != DataType.FLOAT || a.elementWiseStride() != 1 || a.length() != gradient.length()
                    || !vectors && (a.ordering() != gradient.ordering() || !Arrays.equals(a.shape(), gradient.shape()))
                    || a.offset() + a.length() > Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    /** The whole allocation behind an array, indexed from its start: the array's values begin at its offset. */
    private static FloatBuffer buffer(INDArray a) {
        return a.data().asNioFloat();
    }
}
