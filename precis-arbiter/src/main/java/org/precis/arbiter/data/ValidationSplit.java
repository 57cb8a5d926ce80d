package org.precis.arbiter.data;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training data of a search cut into a part that trains the candidates and a part that scores them, so
 * that choosing hyperparameters never looks at the test set.
 *
 * @param train      examples the candidates train on
 * @param validation examples the candidates are scored on
 */
public record ValidationSplit(DataSet train, DataSet validation) {

    /**
     * Holds out a seeded random {@code fraction} of {@code data} (at least one example on each side).
     *
     * @param data     the training data (not modified; the parts are copies)
     * @param fraction share of examples held out for validation, in (0, 1)
     * @param seed     seed of the random choice: the same seed gives the same split
     * @throws IllegalArgumentException if the fraction is outside (0, 1) or the data has fewer than 2 examples
     */
    public static ValidationSplit of(DataSet data, double fraction, long seed) {
        int n = data.numExamples();
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + fraction);
        }
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 training examples to hold some out, got " + n);
        }
        int validation = Math.min(n - 1, Math.max(1, (int) Math.round(n * fraction)));
        int[] order = permutation(n, seed);
        int[] trainRows = new int[n - validation];
        int[] validationRows = new int[validation];
        System.arraycopy(order, 0, validationRows, 0, validation);
        System.arraycopy(order, validation, trainRows, 0, n - validation);
        return new ValidationSplit(rows(data, trainRows), rows(data, validationRows));
    }

    private static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static DataSet rows(DataSet data, int[] rows) {
        INDArray features = Nd4j.pullRows(data.getFeatures(), 1, rows);
        INDArray labels = Nd4j.pullRows(data.getLabels(), 1, rows);
        return new DataSet(features, labels);
    }
}
