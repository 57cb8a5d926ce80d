package org.precis.benchmarks;

import java.util.concurrent.TimeUnit;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;
import org.precis.data.ShuffledDataSetIterator;
import org.precis.data.TrainTestData;
import org.precis.data.fashion.FashionMnist;
import org.precis.samples.arms.Arms;
import org.precis.samples.arms.NetworkShape;

/**
 * What the experiment harness adds to DL4J's own training step: one epoch of the {@code bp-sgd} network over the
 * Fashion-MNIST fixture's 15 full batches of 128, fed three ways; milliseconds per epoch.
 *
 * <ul>
 *   <li>{@code batches}: {@code net.fit(batch)} over batches prepared in advance, DL4J alone;</li>
 *   <li>{@code iterator}: {@code net.fit(iterator)} with the harness's {@link ShuffledDataSetIterator} (a fresh
 *       shuffled copy of every batch), which DL4J wraps in its background prefetch thread;</li>
 *   <li>{@code iterator-sync}: the same iterator without the prefetch thread.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class HarnessBenchmark extends FixtureTraining {

    private static final NetworkShape SHAPE = new NetworkShape(784, new int[] {256, 256}, 10);
    /** How batches reach the network. */
    @Param({"batches", "iterator", "iterator-sync"})
    public String feed;

    private ShuffledDataSetIterator iterator;

    /** Makes the harness iterator over as many examples as the prepared batches hold (the same full batches). */
    @Override
    protected DataSet[] prepare(DataSet[] fixtureBatches) {
        TrainTestData data = FashionMnist.fixture().limitTrain(fixtureBatches.length * BATCH);
        boolean async = !"iterator-sync".equals(feed);
        iterator = new ShuffledDataSetIterator(data.train(), BATCH, true, 1) {
            @Override
            public boolean asyncSupported() {
                return async;
            }
        };
        return fixtureBatches;
    }

    @Override
    protected MultiLayerNetwork createNetwork() {
        return Arms.byName("bp-sgd").createNetwork(SHAPE, 1);
    }

    /** One epoch over the fixture. */
    @Benchmark
    public void epoch() {
        if ("batches".equals(feed)) {
            train(batches.length);
        } else {
            iterator.reset();
            net.fit(iterator);
        }
    }
}
