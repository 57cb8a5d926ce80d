package org.precis.data.noise;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Symmetric label noise: each training example, with probability {@code p}, gets a label drawn uniformly from the
 * other classes (never its own), as in the label-noise experiment of {@code algorithms.md} §4.
 *
 * <p>The decision is made once per example, not per batch: it is a function of the seed and of the example's
 * feature values, so the same example keeps the same corrupted (or clean) label in every epoch and in any batch
 * order, with no index bookkeeping. Examples with identical features share their fate. Apply it before any
 * transform that changes the features (input noise), and only to training data: the test set stays clean.
 *
 * <p>Labels must be one-hot rows. Modifies the labels of the batch in place, as DL4J pre-processors do.
 */
public class SymmetricLabelNoise implements DataSetPreProcessor {

    private static final long serialVersionUID = 1L;

    private final double p;
    private final long seed;

    /**
     * @param p    fraction of examples whose label is replaced, in [0, 1]
     * @param seed seed that fixes which examples are corrupted and their new labels
     */
    public SymmetricLabelNoise(double p, long seed) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("label noise fraction must be in [0, 1], got " + p);
        }
        this.p = p;
        this.seed = seed;
    }

    @Override
    public void preProcess(DataSet batch) {
        if (p == 0) {
            return;
        }
        INDArray features = batch.getFeatures();
        INDArray labels = batch.getLabels();
        int numClasses = (int) labels.columns();
        if (numClasses < 2) {
            throw new IllegalArgumentException("label noise needs at least 2 classes, labels have " + numClasses
                    + " column(s)");
        }
        float[][] rows = features.reshape(features.size(0), -1).castTo(DataType.FLOAT).toFloatMatrix();
        float[][] oneHot = labels.castTo(DataType.FLOAT).toFloatMatrix();
        boolean changed = false;
        for (int i = 0; i < rows.length; i++) {
            SplittableRandom draw = new SplittableRandom(seed ^ contentHash(rows[i]));
            if (draw.nextDouble() >= p) {
                continue;
            }
            int clean = argMax(oneHot[i]);
            int corrupted = (clean + 1 + draw.nextInt(numClasses - 1)) % numClasses;
            Arrays.fill(oneHot[i], 0f);
            oneHot[i][corrupted] = 1f;
            changed = true;
        }
        if (changed) {
            labels.assign(Nd4j.create(oneHot).castTo(labels.dataType()));
        }
    }

    private static int argMax(float[] row) {
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            if (row[k] > row[best]) {
                best = k;
            }
        }
        return best;
    }

    /** A 64-bit FNV-1a hash of the feature values, finished with a mixer so nearby inputs spread apart. */
    static long contentHash(float[] values) {
        long h = 0xcbf29ce484222325L;
        for (float v : values) {
            h ^= Float.floatToIntBits(v);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /** Fraction of examples whose label is replaced. */
    public double fraction() {
        return p;
    }
}
