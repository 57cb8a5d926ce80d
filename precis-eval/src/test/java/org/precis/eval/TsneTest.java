package org.precis.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TsneTest {

    private static final int CLUSTERS = 3;
    private static final int PER_CLUSTER = 30;
    private static final int DIMENSIONS = 20;
    private static final double PERPLEXITY = 5;

    @Test
    void everyPointsNearestNeighbourIn2dIsInItsCluster() {
        // Centres drawn with spread 10 per coordinate, points with spread 1 around them: in 20-D two centres lie
        // about 10 sqrt(40) ~ 63 apart and two points of one cluster about sqrt(40) ~ 6 apart, so every point's
        // neighbours are in its own cluster. t-SNE keeps local neighbourhoods, so in 2-D too every point's nearest
        // neighbour must be in its cluster (it need not keep the distances between clusters). A perplexity well below the cluster size keeps each point's neighbourhood inside its cluster.
        int n = CLUSTERS * PER_CLUSTER;
        int[] labels = new int[n];
        INDArray x = clusters(labels, 11);
        double[] before = x.data().asDouble();

        INDArray y = Tsne.project(x, PERPLEXITY, 5);

        assertThat(y.shape()).containsExactly(n, 2);
        for (double v : y.data().asDouble()) {
            assertThat(v).isFinite();
        }
        assertThat(x.data().asDouble()).as("input not modified").containsExactly(before);
        for (int i = 0; i < n; i++) {
            int nearest = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                double d = Math.hypot(y.getDouble(i, 0) - y.getDouble(j, 0), y.getDouble(i, 1) - y.getDouble(j, 1));
                if (j != i && d < best) {
                    best = d;
                    nearest = j;
                }
            }
            assertThat(labels[nearest]).as("cluster of the 2-D nearest neighbour of point %d", i).isEqualTo(labels[i]);
        }
    }

    @Test
    void theSameSeedGivesTheSamePicture() {
        // The random start comes from the seed, not from ND4J's global generator, so reruns draw the same picture.
        int[] labels = new int[CLUSTERS * 8];
        INDArray x = clustersOf(labels, 8, 3);

        Nd4j.getRandom().setSeed(1);
        INDArray first = Tsne.project(x, 9);
        Nd4j.getRandom().setSeed(2);
        INDArray second = Tsne.project(x, 9);

        assertThat(second.data().asDouble()).containsExactly(first.data().asDouble());
    }

    @Test
    void thePerplexityShrinksForFewPointsOnly() {
        // BarnesHutTsne looks at 3 x perplexity neighbours, which must exist.
        assertThat(Tsne.perplexity(2000)).isEqualTo(Tsne.DEFAULT_PERPLEXITY);
        assertThat(Tsne.perplexity(31)).isEqualTo(10.0);
    }

    private static INDArray clusters(int[] labels, long seed) {
        return clustersOf(labels, PER_CLUSTER, seed);
    }

    private static INDArray clustersOf(int[] labels, int perCluster, long seed) {
        Random random = new Random(seed);
        double[][] centres = new double[CLUSTERS][DIMENSIONS];
        for (double[] centre : centres) {
            for (int k = 0; k < DIMENSIONS; k++) {
                centre[k] = 10 * random.nextGaussian();
            }
        }
        double[][] points = new double[CLUSTERS * perCluster][DIMENSIONS];
        for (int i = 0; i < points.length; i++) {
            labels[i] = i % CLUSTERS;
            for (int k = 0; k < DIMENSIONS; k++) {
                points[i][k] = centres[labels[i]][k] + random.nextGaussian();
            }
        }
        return Nd4j.createFromArray(points);
    }
}
