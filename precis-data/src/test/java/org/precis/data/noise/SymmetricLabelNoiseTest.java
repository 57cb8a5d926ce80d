package org.precis.data.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.data.ShuffledDataSetIterator;

class SymmetricLabelNoiseTest {

    private static final int N = 20_000;
    private static final int K = 10;

    /** N distinct random examples; example i has label i mod K, and feature 0 holds i so it can be identified. */
    private static DataSet distinctExamples() {
        float[][] x = Nd4j.rand(DataType.FLOAT, N, 5).toFloatMatrix();
        float[][] y = new float[N][K];
        for (int i = 0; i < N; i++) {
            x[i][0] = i;
            y[i][i % K] = 1f;
        }
        return new DataSet(Nd4j.create(x), Nd4j.create(y));
    }

    private static Map<Integer, Integer> labelsAfterOneEpoch(DataSet data, double p, long dataOrderSeed) {
        ShuffledDataSetIterator it = new ShuffledDataSetIterator(data, 128, true, dataOrderSeed);
        it.setPreProcessor(new SymmetricLabelNoise(p, 42));
        Map<Integer, Integer> labels = new HashMap<>();
        while (it.hasNext()) {
            DataSet batch = it.next();
            int[] classes = batch.getLabels().argMax(1).toIntVector();
            for (int r = 0; r < batch.numExamples(); r++) {
                labels.put(batch.getFeatures().getInt(r, 0), classes[r]);
            }
        }
        return labels;
    }

    @Test
    void flippedFractionIsWithinBinomialToleranceAndNeverTheSameClass() {
        double p = 0.4;
        Map<Integer, Integer> labels = labelsAfterOneEpoch(distinctExamples(), p, 1);

        int flipped = 0;
        int[] newClassCounts = new int[K];
        for (Map.Entry<Integer, Integer> e : labels.entrySet()) {
            int clean = e.getKey() % K;
            if (e.getValue() != clean) {
                flipped++;
                newClassCounts[(e.getValue() - clean + K) % K]++;
            }
        }
        double sd = Math.sqrt(N * p * (1 - p));
        assertThat((double) flipped).isBetween(N * p - 4 * sd, N * p + 4 * sd);
        // Offset 0 would be "the same class": impossible. Offsets 1..K-1 are equally likely (uniform other class).
        assertThat(newClassCounts[0]).isZero();
        double perOffset = flipped / (double) (K - 1);
        for (int k = 1; k < K; k++) {
            assertThat((double) newClassCounts[k]).isBetween(perOffset - 5 * Math.sqrt(perOffset),
                    perOffset + 5 * Math.sqrt(perOffset));
        }
    }

    @Test
    void anExampleKeepsItsCorruptedLabelInEveryEpochWhateverTheBatchOrder() {
        DataSet data = distinctExamples();

        Map<Integer, Integer> epochA = labelsAfterOneEpoch(data, 0.6, 1);
        Map<Integer, Integer> epochB = labelsAfterOneEpoch(data, 0.6, 2);

        assertThat(epochA).hasSize(N).isEqualTo(epochB);
    }

    @Test
    void aDifferentSeedCorruptsDifferentExamples() {
        DataSet data = distinctExamples();
        ShuffledDataSetIterator it = new ShuffledDataSetIterator(data, N, false, 0);
        it.setPreProcessor(new SymmetricLabelNoise(0.5, 7));
        DataSet other = it.next();

        Map<Integer, Integer> seed42 = labelsAfterOneEpoch(data, 0.5, 1);
        int[] otherLabels = other.getLabels().argMax(1).toIntVector();
        long agreeing = seed42.entrySet().stream().filter(e -> otherLabels[e.getKey()] == e.getValue()).count();
        // Independent corruption: agreement is about 0.5*0.5 + 0.5*0.5*(1/9) ~ 0.28 below 1.
        assertThat(agreeing).isLessThan((long) (0.9 * N));
    }

    @Test
    void zeroFractionLeavesLabelsUntouched() {
        DataSet data = distinctExamples();
        Map<Integer, Integer> labels = labelsAfterOneEpoch(data, 0.0, 3);

        labels.forEach((i, label) -> assertThat(label).isEqualTo(i % K));
    }

    @Test
    void fractionOutsideTheUnitIntervalIsRejected() {
        assertThatThrownBy(() -> new SymmetricLabelNoise(1.5, 0)).hasMessageContaining("label noise fraction");
        assertThatThrownBy(() -> new SymmetricLabelNoise(Double.NaN, 0)).hasMessageContaining("label noise fraction");
    }
}
