package org.precis.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class ShuffledDataSetIteratorTest {

    /** 10 examples whose single feature is their index. */
    private static DataSet indexed() {
        INDArray x = Nd4j.arange(0, 10).castTo(DataType.FLOAT).reshape(10, 1);
        return new DataSet(x, Nd4j.zeros(DataType.FLOAT, 10, 2));
    }

    private static List<Integer> epoch(ShuffledDataSetIterator it) {
        List<Integer> order = new ArrayList<>();
        while (it.hasNext()) {
            DataSet batch = it.next();
            assertThat(batch.numExamples()).isLessThanOrEqualTo(it.batch());
            for (int r = 0; r < batch.numExamples(); r++) {
                order.add(batch.getFeatures().getInt(r, 0));
            }
        }
        it.reset();
        return order;
    }

    @Test
    void everyEpochVisitsEveryExampleOnceInANewOrder() {
        ShuffledDataSetIterator it = new ShuffledDataSetIterator(indexed(), 3, true, 9);

        List<Integer> first = epoch(it);
        List<Integer> second = epoch(it);

        assertThat(first).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(second).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void theSameSeedGivesTheSameOrderInEveryEpoch() {
        ShuffledDataSetIterator a = new ShuffledDataSetIterator(indexed(), 3, true, 4);
        ShuffledDataSetIterator b = new ShuffledDataSetIterator(indexed(), 3, true, 4);

        for (int e = 0; e < 3; e++) {
            assertThat(epoch(a)).isEqualTo(epoch(b));
        }
    }

    @Test
    void withoutShufflingTheSourceOrderIsKept() {
        assertThat(epoch(new ShuffledDataSetIterator(indexed(), 3, false, 0)))
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void aPreProcessorThatChangesBatchesLeavesTheSourceUntouched() {
        DataSet source = indexed();
        INDArray before = source.getFeatures().dup();
        ShuffledDataSetIterator it = new ShuffledDataSetIterator(source, 4, true, 1);
        it.setPreProcessor(batch -> batch.getFeatures().muli(0));

        epoch(it);

        assertThat(source.getFeatures()).isEqualTo(before);
    }

    @Test
    void aFreshIteratorSeekedToAPositionGivesTheSameBatchesFromThere() {
        // A checkpoint mid-run records the position; a resumed run must see the batches the original would have.
        ShuffledDataSetIterator original = new ShuffledDataSetIterator(indexed(), 3, true, 7);
        epoch(original);
        epoch(original);
        original.next();
        ShuffledDataSetIterator.Position position = original.position();

        ShuffledDataSetIterator resumed = new ShuffledDataSetIterator(indexed(), 3, true, 7);
        resumed.seek(position);

        assertThat(resumed.position()).isEqualTo(position);
        for (int e = 0; e < 3; e++) {
            assertThat(epoch(resumed)).isEqualTo(epoch(original));
        }
    }
}
