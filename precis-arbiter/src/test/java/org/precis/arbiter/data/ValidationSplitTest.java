package org.precis.arbiter.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class ValidationSplitTest {

    /** Ten examples whose single feature is their row number, so every example can be traced. */
    private static DataSet numbered(int n) {
        INDArray features = Nd4j.arange(n).castTo(DataType.FLOAT).reshape(n, 1);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 2);
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, i % 2, 1);
        }
        return new DataSet(features, labels);
    }

    private static Set<Integer> ids(DataSet part) {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < part.numExamples(); i++) {
            ids.add(part.getFeatures().getInt(i, 0));
        }
        return ids;
    }

    @Test
    void thePartsAreDisjointCoverEveryExampleAndKeepEachLabelWithItsFeatures() {
        ValidationSplit split = ValidationSplit.of(numbered(10), 0.3, 5);
        assertThat(split.validation().numExamples()).isEqualTo(3);
        assertThat(split.train().numExamples()).isEqualTo(7);
        Set<Integer> all = new HashSet<>(ids(split.train()));
        all.addAll(ids(split.validation()));
        assertThat(all).hasSize(10);
        for (DataSet part : new DataSet[] {split.train(), split.validation()}) {
            for (int i = 0; i < part.numExamples(); i++) {
                int id = part.getFeatures().getInt(i, 0);
                assertThat(part.getLabels().getDouble(i, id % 2)).isEqualTo(1.0);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        // why: the search and a later check of its best model must score on the very same examples.
        assertThat(ids(ValidationSplit.of(numbered(50), 0.2, 1).validation()))
                .isEqualTo(ids(ValidationSplit.of(numbered(50), 0.2, 1).validation()))
                .isNotEqualTo(ids(ValidationSplit.of(numbered(50), 0.2, 2).validation()));
    }

    @Test
    void bothPartsKeepAtLeastOneExample() {
        assertThat(ValidationSplit.of(numbered(2), 0.01, 1).validation().numExamples()).isEqualTo(1);
        assertThat(ValidationSplit.of(numbered(2), 0.99, 1).train().numExamples()).isEqualTo(1);
    }

    @Test
    void refusesAFractionOutsideTheOpenUnitInterval() {
        assertThatThrownBy(() -> ValidationSplit.of(numbered(10), 1.0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1)");
    }
}
