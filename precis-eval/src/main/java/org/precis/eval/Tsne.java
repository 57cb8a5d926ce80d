package org.precis.eval;

import java.util.Random;
import org.deeplearning4j.clustering.algorithm.Distance;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.plot.BarnesHutTsne;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.BarnesEdgeForces;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded 2-D t-SNE of an embedding (van der Maaten and Hinton, "Visualizing data using t-SNE", JMLR 9, 2008) with
 * DL4J's {@link BarnesHutTsne}: its sparse input similarities (perplexity search over 3 x perplexity nearest
 * neighbours, van der Maaten, JMLR 15, 2014), its attractive forces, early exaggeration, gains and momentum.
 *
 * <p>Three defects of {@code BarnesHutTsne} 1.0.0-beta7 (the last release of {@code deeplearning4j-tsne}, run here
 * on DL4J 1.0.0-M2.1) are worked around:
 * <ul>
 *   <li>its space-partitioning tree gives each leaf a capacity of n mod 8000 points, so below 8,000 points the
 *       root is one leaf and every point is repelled only by the centre of mass of all points: classes collapse
 *       into dense blobs. The repulsive forces are computed here exactly instead, O(n^2) per iteration, which is
 *       cheap for the few thousand points of a picture;</li>
 *   <li>its builder's default inverts the Euclidean distance, so the "nearest" neighbours were the farthest;</li>
 *   <li>it draws its random start from ND4J's global generator; the start is drawn here from the given seed.</li>
 * </ul>
 * Its exact path ({@code theta = 0}) fails on M2.1, hence a positive {@link #THETA}.
 */
public final class Tsne {

    /** Perplexity (effective neighbours per point) when there are enough points; see {@link #perplexity(int)}. */
    public static final double DEFAULT_PERPLEXITY = 30;
    /** Gradient iterations, the first {@link #EXAGGERATION_ITERATIONS} with exaggerated similarities. */
    public static final int ITERATIONS = 300;
    /** Iterations of early exaggeration (similarities x 12), and of the lower momentum 0.5 (then 0.8). */
    public static final int EXAGGERATION_ITERATIONS = 100;
    /** Factor of early exaggeration, fixed inside {@code BarnesHutTsne}. */
    public static final double EXAGGERATION = 12;
    /** Lowest learning rate; see {@link #learningRate(int)}. */
    public static final double MIN_LEARNING_RATE = 10;
    /** Standard deviation of the random start, small so that no structure is imposed at the start. */
    public static final double INITIAL_SCALE = 1e-4;
    /** Any positive value selects {@code BarnesHutTsne}'s gradient path; with exact repulsion it has no other use. */
    private static final double THETA = 0.5;
    /** {@code BarnesHutTsne.Builder} defaults, passed explicitly because the subclass needs the full constructor. */
    private static final double REAL_MIN = 1e-12;
    private static final double INITIAL_MOMENTUM = 0.5;
    private static final double FINAL_MOMENTUM = 0.8;
    private static final double TOLERANCE = 1e-5;
    private static final double MIN_GAIN = 1e-2;

    private Tsne() {
    }

    /**
     * Embeds the rows of {@code x} in 2-D with the perplexity {@link #perplexity(int)} of their number.
     *
     * @param x    points, [n, d], n &gt;= 2 (not modified: t-SNE works on a copy, which it rescales in place)
     * @param seed seed of the random start; equal seeds and inputs give equal outputs
     * @return [n, 2] doubles, one row per row of {@code x}
     */
    public static INDArray project(INDArray x, long seed) {
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
    public static INDArray project(INDArray x, double perplexity, long seed) {
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
        ExactRepulsionTsne tsne = new ExactRepulsionTsne(perplexity, learningRate(n), Nd4j.createFromArray(start));
        tsne.fit(x.castTo(DataType.DOUBLE).dup());
        return tsne.getData();
    }

    /**
     * The perplexity used for {@code n} points: {@link #DEFAULT_PERPLEXITY}, lowered to (n - 1) / 3 for small
     * {@code n} because {@code BarnesHutTsne} looks at 3 x perplexity neighbours of each point.
     */
    public static double perplexity(int n) {
        return Math.min(DEFAULT_PERPLEXITY, (n - 1) / 3.0);
    }

    /**
     * The gradient step size (with gains and momentum) for {@code n} points: n / {@link #EXAGGERATION}, at least
     * {@link #MIN_LEARNING_RATE}. This is the "auto" rate n / exaggeration / 4 of Belkina et al. (Nature
     * Communications 10, 2019, as in scikit-learn) times the factor 4 that {@code BarnesHutTsne}'s gradient leaves
     * out; larger rates misplaced points of small, well-separated clusters.
     */
    public static double learningRate(int n) {
        return Math.max(MIN_LEARNING_RATE, n / EXAGGERATION);
    }

    /** {@code BarnesHutTsne} with its gradient's repulsive part computed exactly (see the class comment). */
    private static final class ExactRepulsionTsne extends BarnesHutTsne {

        ExactRepulsionTsne(double perplexity, double learningRate, INDArray start) {
            super(2, Distance.EUCLIDEAN.toString(), THETA, false, ITERATIONS, REAL_MIN, INITIAL_MOMENTUM,
                    FINAL_MOMENTUM, INITIAL_MOMENTUM, EXAGGERATION_ITERATIONS, false, EXAGGERATION_ITERATIONS,
                    TOLERANCE, learningRate, false, perplexity, null, MIN_GAIN, 1, WorkspaceMode.NONE, start);
        }

        /**
         * dC/dy_i = 4 (sum_j p_ij q_ij Z (y_i - y_j) - sum_j q_ij^2 Z^2 (y_i - y_j) / Z) with q_ij Z = 1 / (1 +
         * |y_i - y_j|^2), up to the factor 4 that {@code BarnesHutTsne} leaves to its learning rate as well.
         */
        @Override
        public Gradient gradient() {
            INDArray y = getY();
            if (getYIncs() == null) {
                setYIncs(y.like());
            }
            INDArray attraction = y.like();
            Nd4j.exec(new BarnesEdgeForces(getRows(), getCols(), getVals(), y, getN(), attraction));
            INDArray squares = y.mul(y).sum(true, 1);
            INDArray kernel = y.mmul(y.transpose()).muli(-2).addiColumnVector(squares).addiRowVector(
                    squares.transpose()).addi(1.0);
            kernel.rdivi(1.0);
            kernel.subi(Nd4j.diag(Nd4j.diag(kernel)));
            double z = kernel.sumNumber().doubleValue();
            INDArray kernelSquared = kernel.muli(kernel);
            INDArray repulsion = y.mulColumnVector(kernelSquared.sum(true, 1)).subi(kernelSquared.mmul(y));
            Gradient gradient = new DefaultGradient();
            gradient.gradientForVariable().put(Y_GRAD, attraction.subi(repulsion.divi(z)));
            return gradient;
        }
    }
}
