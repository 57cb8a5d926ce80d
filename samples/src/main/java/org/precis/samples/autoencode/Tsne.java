package org.precis.samples.autoencode;

import java.util.Random;
import org.deeplearning4j.plot.BarnesHutTsne;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded 2-D t-SNE of an embedding with DL4J's {@link BarnesHutTsne} (van der Maaten, "Accelerating t-SNE using
 * tree-based algorithms", JMLR 15, 2014).
 *
 * <p>{@code BarnesHutTsne} is only published up to DL4J 1.0.0-beta7 ({@code deeplearning4j-tsne}); it runs here on
 * DL4J 1.0.0-M2.1 with its DL4J/ND4J dependencies excluded. Its exact path ({@code theta = 0}) fails on M2.1, so
 * theta is always positive; its default inverted distance is turned off (see {@link #project(INDArray, double,
 * long)}). It draws its random start from ND4J's global generator, so this class gives it a start drawn from its
 * own seed instead.
 */
final class Tsne {

    /** Perplexity (effective neighbours per point) when there are enough points; see {@link #perplexity(int)}. */
    static final double DEFAULT_PERPLEXITY = 30;
    /** Barnes-Hut accuracy/speed trade-off (0.5 in the paper); must stay positive, see the class comment. */
    static final double THETA = 0.5;
    /** Gradient iterations, the first {@code BarnesHutTsne}-default 100 of them with exaggerated similarities. */
    static final int ITERATIONS = 300;
    /**
     * Gradient step size (with gains and momentum): the floor of scikit-learn's "auto" rate max(n / 48, 50), which
     * is 50 up to 2,400 points; 200 scattered small, well-separated clusters.
     */
    static final double LEARNING_RATE = 50;
    /** Standard deviation of the random start, small so that no structure is imposed at the start. */
    static final double INITIAL_SCALE = 1e-4;

    private Tsne() {
    }

    /**
     * Embeds the rows of {@code x} in 2-D.
     *
     * @param x    points, [n, d], n &gt;= 2 (not modified: t-SNE works on a copy, which it rescales in place)
     * @param seed seed of the random start; equal seeds and inputs give equal outputs
     * @return [n, 2] doubles, one row per row of {@code x}
     */
    static INDArray project(INDArray x, long seed) {
        return project(x, perplexity((int) x.rows()), seed);
    }

    /**
     * Embeds the rows of {@code x} in 2-D with a given perplexity.
     *
     * @param x          points, [n, d], n &gt;= 2 (not modified)
     * @param perplexity effective neighbours per point, in (0, (n - 1) / 3]
     * @param seed       seed of the random start
     * @return [n, 2] doubles, one row per row of {@code x}
     */
    static INDArray project(INDArray x, double perplexity, long seed) {
        int n = (int) x.rows();
        if (n < 2 || !(perplexity > 0) || perplexity > perplexity(n)) {
            throw new IllegalArgumentException("t-SNE needs at least 2 rows and a perplexity in (0, (rows - 1) / 3], "
                    + "got " + n + " rows and perplexity " + perplexity);
        }
        Random random = new Random(seed);
        double[][] start = new double[n][2];
        for (double[] row : start) {
            row[0] = random.nextGaussian() * INITIAL_SCALE;
            row[1] = random.nextGaussian() * INITIAL_SCALE;
        }
        BarnesHutTsne tsne = new BarnesHutTsne.Builder().numDimension(2).perplexity(perplexity).theta(THETA)
                .setMaxIter(ITERATIONS).learningRate(LEARNING_RATE).normalize(false)
                // The builder's default negates the Euclidean distance, so the "nearest" neighbours would be the
                // farthest ones and clusters would smear into each other.
                .invertDistanceMetric(false)
                .staticInit(Nd4j.createFromArray(start)).build();
        tsne.fit(x.castTo(DataType.DOUBLE).dup());
        return tsne.getData();
    }

    /**
     * The perplexity used for {@code n} points: {@link #DEFAULT_PERPLEXITY}, lowered to (n - 1) / 3 for small
     * {@code n} because {@code BarnesHutTsne} looks at 3 x perplexity neighbours of each point.
     */
    static double perplexity(int n) {
        return Math.min(DEFAULT_PERPLEXITY, (n - 1) / 3.0);
    }
}
