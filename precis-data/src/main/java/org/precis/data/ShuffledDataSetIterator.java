package org.precis.data;

import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batches over an in-memory {@link DataSet}, in an order reshuffled every epoch from a seed.
 *
 * <p>Two iterators built with the same data, batch size and seed yield the same batches in the same order in
 * every epoch, which is how experiments give every arm the same data order. Each batch is a fresh copy of the
 * selected rows, so a {@link DataSetPreProcessor} may modify it in place without touching the source data.
 * Without shuffling the order is the source order (use it for test sets).
 */
public class ShuffledDataSetIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private final DataSet source;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private Random random;
    private final int[] order;
    private int cursor;
    private int resets;
    private DataSetPreProcessor preProcessor;

    /**
     * Where an iterator stands, for checkpoints: {@link #seek} on a fresh iterator of the same data, batch size and
     * seed continues with exactly the batches this one would give next.
     *
     * @param resets calls of {@link #reset()} so far, the constructor's included
     * @param cursor examples already handed out in the current epoch
     */
    public record Position(int resets, int cursor) {
    }

    /**
     * @param source    examples to iterate over (not modified)
     * @param batchSize examples per batch (the last batch of an epoch may be smaller)
     * @param shuffle   whether to reshuffle at the start of every epoch
     * @param seed      seed of the shuffling; ignored when {@code shuffle} is false
     */
    public ShuffledDataSetIterator(DataSet source, int batchSize, boolean shuffle, long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.source = source;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.order = new int[source.numExamples()];
        rewind();
        reset();
    }

    /** Back to the state before the first {@link #reset()}: source order, generator freshly seeded. */
    private void rewind() {
        random = new Random(seed);
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        resets = 0;
    }

    /** @return where this iterator stands (see {@link Position}) */
    public Position position() {
        return new Position(resets, cursor);
    }

    /**
     * Moves this iterator to a position taken from an iterator of the same data, batch size and seed, by replaying
     * its epochs' shuffles (cheap: no data is copied).
     *
     * @param position a position from {@link #position()}
     * @throws IllegalArgumentException when the position cannot belong to this data
     */
    public void seek(Position position) {
        if (position.resets() < 1 || position.cursor() < 0 || position.cursor() > order.length) {
            throw new IllegalArgumentException("position " + position + " does not fit " + order.length
                    + " examples");
        }
        rewind();
        for (int i = 0; i < position.resets(); i++) {
            reset();
        }
        cursor = position.cursor();
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch finished; call reset()");
        }
        int n = Math.min(num, order.length - cursor);
        int[] rows = Arrays.copyOfRange(order, cursor, cursor + n);
        cursor += n;
        INDArray features = Nd4j.pullRows(source.getFeatures(), 1, rows);
        INDArray labels = Nd4j.pullRows(source.getLabels(), 1, rows);
        DataSet batch = new DataSet(features, labels);
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public void reset() {
        cursor = 0;
        resets++;
        if (shuffle) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }

    @Override
    public int inputColumns() {
        return (int) source.getFeatures().columns();
    }

    @Override
    public int totalOutcomes() {
        return (int) source.getLabels().columns();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }

    /** Number of examples in one epoch. */
    public int numExamples() {
        return order.length;
    }
}
