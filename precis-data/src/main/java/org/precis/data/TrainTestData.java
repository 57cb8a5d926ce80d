package org.precis.data;

import java.util.Objects;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A classification data set held in memory, split into a training and a test part.
 *
 * <p>Features are rows of a 2-D array; labels are one-hot rows with {@link #numClasses()} columns. The arrays are
 * shared, not copied: iterate over them with {@link ShuffledDataSetIterator}, which hands out copies, so that
 * pre-processors (such as the noise transforms) never modify these arrays.
 *
 * @param name        a short description of where the data came from, for reports
 * @param train       training examples (not modified by this class)
 * @param test        test examples (not modified by this class)
 * @param numClasses  number of label classes
 */
public record TrainTestData(String name, DataSet train, DataSet test, int numClasses) {

    /** Checks that both parts agree on feature width and label count. */
    public TrainTestData {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (train.getFeatures().columns() != test.getFeatures().columns()) {
            throw new IllegalArgumentException("Data '" + name + "': training features have "
                    + train.getFeatures().columns() + " columns but test features have "
                    + test.getFeatures().columns());
        }
        if (train.getLabels().columns() != numClasses || test.getLabels().columns() != numClasses) {
            throw new IllegalArgumentException("Data '" + name + "': labels must have " + numClasses
                    + " columns (one-hot), got " + train.getLabels().columns() + " (train) and "
                    + test.getLabels().columns() + " (test)");
        }
    }

    /** Number of input features per example. */
    public int numFeatures() {
        return (int) train.getFeatures().columns();
    }

    /**
     * The same data with only the first {@code limit} training examples (the test part is kept whole).
     *
     * @param limit maximum number of training examples; a value at or above the training size keeps all
     * @return this object when nothing is cut, otherwise a new one sharing no arrays with this one
     */
    public TrainTestData limitTrain(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("train limit must be positive, got " + limit);
        }
        if (limit >= train.numExamples()) {
            return this;
        }
        INDArrayIndex[] firstRows = {NDArrayIndex.interval(0, limit), NDArrayIndex.all()};
        DataSet cut = new DataSet(train.getFeatures().get(firstRows).dup(), train.getLabels().get(firstRows).dup());
        return new TrainTestData(name, cut, test, numClasses);
    }
}
