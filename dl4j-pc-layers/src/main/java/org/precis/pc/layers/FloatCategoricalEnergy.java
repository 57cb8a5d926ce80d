package org.precis.pc.layers;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The categorical energy -sum y ln softmax(a) of a clamped {@code FLOAT} top in Java, for the relaxation loop: the
 * targets are copied once per batch ({@link #bind}) and only their non-zero entries take a logarithm, so a one-hot
 * batch of 128 costs 128 logarithms and a bulk copy of the prediction, instead of four ND4J calls (copy, floor,
 * log, dot) that at these sizes cost their fixed overhead each. Same floor of the probability as
 * {@link Energy#categorical}; summed in double. {@code DOUBLE} networks (gradient checks) keep {@link Energy}.
 * Not thread-safe; one per engine.
 */
final class FloatCategoricalEnergy {

    private final float[] targets;
    private final float[] prediction;
    /** The top's prediction buffer, read in place. */
    private final FloatBuffer predictionView;

    /**
     * @param mu the top level's prediction buffer [batch, classes], one {@link #accepts} takes (read, not modified)
     */
    FloatCategoricalEnergy(INDArray mu) {
        targets = new float[Math.toIntExact(mu.length())];
        prediction = new float[targets.length];
        predictionView = mu.data().asNioFloat();
    }

    /**
     * @param top the top level's prediction buffer
     * @return whether this class can compute the energy of that buffer ({@link JavaKernels#accept})
     */
    static boolean accepts(INDArray top) {
        return JavaKernels.accept(top);
    }

    /**
     * Reads the clamped targets of this batch.
     *
     * @param y targets [rows, cols], any layout (not modified)
     */
    void bind(INDArray y) {
        INDArray c = y.dataType() == DataType.FLOAT && y.ordering() == 'c' && y.offset() == 0
                && y.length() == y.data().length() ? y : y.castTo(DataType.FLOAT).dup('c');
        c.data().asNioFloat().get(0, targets);
    }

    /** @return -sum y ln max(mu, floor) over the batch, for the current softmax prediction mu */
    double energy() {
        predictionView.get(0, prediction);
        double sum = 0;
        for (int i = 0; i < targets.length; i++) {
            float y = targets[i];
            if (y != 0f) {
                sum += y * Math.log(Math.max(prediction[i], Energy.MIN_PROBABILITY));
            }
        }
        return -sum;
    }
}
