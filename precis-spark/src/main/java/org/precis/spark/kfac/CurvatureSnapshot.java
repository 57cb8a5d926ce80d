package org.precis.spark.kfac;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.natgrad.blocks.CurvatureBlock;
import org.precis.natgrad.blocks.DenseKroneckerFactoredBlock;
import org.precis.natgrad.estimator.KFacEstimator;
import org.precis.natgrad.estimator.LayerCurvature;

/**
 * The Kronecker factors of every preconditioned layer of one network, in plain double arrays so that they travel
 * through Spark (Java serialisation) independently of ND4J's workspaces. A snapshot may be a sum over several
 * workers ({@link #plus}); {@link #mean} divides by the number of snapshots summed. Immutable.
 */
public final class CurvatureSnapshot implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<LayerFactors> layers;
    private final int count;

    private CurvatureSnapshot(List<LayerFactors> layers, int count) {
        this.layers = List.copyOf(layers);
        this.count = count;
    }

    /**
     * Copies the current factors of every layer of {@code estimator}.
     *
     * @param estimator a network's curvature; not modified
     * @return the snapshot, or null when some layer has no curvature yet (no training step was taken)
     * @throws IllegalArgumentException when a layer uses an approximation other than Kronecker factors
     */
    public static CurvatureSnapshot capture(KFacEstimator estimator) {
        List<LayerFactors> layers = new ArrayList<>();
        for (LayerCurvature layer : estimator.layers()) {
            DenseKroneckerFactoredBlock block = kroneckerBlock(layer);
            if (!block.hasCurvature()) {
                return null;
            }
            layers.add(new LayerFactors(layer.description(), block.inputSize() + 1, block.outputSize(),
                    block.inputFactor().data().asDouble(), block.outputFactor().data().asDouble()));
        }
        return new CurvatureSnapshot(layers, 1);
    }

    /**
     * Sets the factors of every layer of {@code estimator} to this snapshot's mean; the estimator's next step
     * folds its batch into them and inverts them.
     *
     * @param estimator a freshly attached network's curvature, with the same preconditioned layers
     * @throws IllegalArgumentException when the layers do not match (count, sizes or approximation)
     */
    public void restoreInto(KFacEstimator estimator) {
        List<LayerCurvature> targets = estimator.layers();
        if (targets.size() != layers.size()) {
            throw new IllegalArgumentException("K-FAC curvature of " + layers.size() + " layers cannot be restored "
                    + "into a network with " + targets.size() + " preconditioned layers");
        }
        for (int i = 0; i < layers.size(); i++) {
            LayerFactors f = layers.get(i);
            INDArray a = Nd4j.create(scaled(f.inputFactor, 1.0 / count), new long[] {f.inputDim, f.inputDim},
                    DataType.DOUBLE);
            INDArray g = Nd4j.create(scaled(f.outputFactor, 1.0 / count), new long[] {f.outputDim, f.outputDim},
                    DataType.DOUBLE);
            kroneckerBlock(targets.get(i)).setFactors(a, g);
        }
    }

    /**
     * @param other a snapshot of the same network
     * @return the element-wise sum of both, counting the snapshots of both
     * @throws IllegalArgumentException when the layers do not match
     */
    public CurvatureSnapshot plus(CurvatureSnapshot other) {
        if (other.layers.size() != layers.size()) {
            throw new IllegalArgumentException("cannot add K-FAC curvature of " + other.layers.size()
                    + " layers to one of " + layers.size());
        }
        List<LayerFactors> sum = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            sum.add(layers.get(i).plus(other.layers.get(i)));
        }
        return new CurvatureSnapshot(sum, count + other.count);
    }

    /** @return the mean of the summed snapshots, as a snapshot of count 1 */
    public CurvatureSnapshot mean() {
        if (count == 1) {
            return this;
        }
        List<LayerFactors> mean = new ArrayList<>(layers.size());
        for (LayerFactors f : layers) {
            mean.add(new LayerFactors(f.description, f.inputDim, f.outputDim, scaled(f.inputFactor, 1.0 / count),
                    scaled(f.outputFactor, 1.0 / count)));
        }
        return new CurvatureSnapshot(mean, 1);
    }

    /** @return how many workers' snapshots this one sums */
    public int count() {
        return count;
    }

    /** @return the number of layers */
    public int numLayers() {
        return layers.size();
    }

    /** @return layer {@code i}'s input factor {@code A} of the mean, {@code (nIn + 1) x (nIn + 1)}, a new array */
    public INDArray inputFactor(int i) {
        LayerFactors f = layers.get(i);
        return Nd4j.create(scaled(f.inputFactor, 1.0 / count), new long[] {f.inputDim, f.inputDim}, DataType.DOUBLE);
    }

    /** @return layer {@code i}'s output factor {@code G} of the mean, {@code nOut x nOut}, a new array */
    public INDArray outputFactor(int i) {
        LayerFactors f = layers.get(i);
        return Nd4j.create(scaled(f.outputFactor, 1.0 / count), new long[] {f.outputDim, f.outputDim},
                DataType.DOUBLE);
    }

    /** @return the size in bytes of the factors this snapshot carries */
    public long bytes() {
        return layers.stream().mapToLong(f -> 8L * (f.inputFactor.length + f.outputFactor.length)).sum();
    }

    private static DenseKroneckerFactoredBlock kroneckerBlock(LayerCurvature layer) {
        CurvatureBlock block = layer.block();
        if (!(block instanceof DenseKroneckerFactoredBlock kronecker)) {
            throw new IllegalArgumentException("K-FAC curvature sharing needs Kronecker-factored blocks; "
                    + layer.description() + " uses " + block.getClass().getSimpleName()
                    + " (use CurvatureSharing.PER_ROUND for other approximations)");
        }
        return kronecker;
    }

    private static double[] scaled(double[] values, double factor) {
        if (factor == 1.0) {
            return values;
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] * factor;
        }
        return out;
    }

    /** One layer's factors, row-major. */
    private record LayerFactors(String description, long inputDim, long outputDim, double[] inputFactor,
            double[] outputFactor) implements Serializable {

        LayerFactors plus(LayerFactors other) {
            if (other.inputDim != inputDim || other.outputDim != outputDim) {
                throw new IllegalArgumentException("K-FAC curvature of " + description + " (" + inputDim + ", "
                        + outputDim + ") cannot be added to one of sizes (" + other.inputDim + ", "
                        + other.outputDim + ")");
            }
            return new LayerFactors(description, inputDim, outputDim, sum(inputFactor, other.inputFactor),
                    sum(outputFactor, other.outputFactor));
        }

        private static double[] sum(double[] x, double[] y) {
            double[] out = Arrays.copyOf(x, x.length);
            for (int i = 0; i < out.length; i++) {
                out[i] += y[i];
            }
            return out;
        }
    }
}
