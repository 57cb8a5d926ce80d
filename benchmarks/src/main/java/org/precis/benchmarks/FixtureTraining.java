package org.precis.benchmarks;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Shared state of the benchmarks that train a network on the fixture's batches of 128: the batches, loaded once per
 * fork, and a freshly initialised network for every measurement iteration. A network trained on the small fixture
 * for thousands of steps memorises it, and its vanishing gradients turn into denormal floats that slow every product,
 * so no iteration inherits another's training.
 */
@State(Scope.Thread)
public abstract class FixtureTraining {

    /** Examples per batch. */
    static final int BATCH = 128;

    /** The fixture's full batches, in a seeded order. */
    protected DataSet[] batches;
    /** The network of the current iteration. */
    protected MultiLayerNetwork net;
    private int next;

    /** Loads the batches once per fork (and lets a subclass adapt them). */
    @Setup(Level.Trial)
    public void loadBatches() {
        batches = prepare(FixtureBatches.of(BATCH));
    }

    /** A freshly initialised network for every iteration. */
    @Setup(Level.Iteration)
    public void freshNetwork() {
        net = createNetwork();
        next = 0;
    }

    /**
     * @param fixtureBatches the fixture's batches of {@link #BATCH}
     * @return the batches to train on; these by default
     */
    protected DataSet[] prepare(DataSet[] fixtureBatches) {
        return fixtureBatches;
    }

    /** @return the benchmark's network, initialised */
    protected abstract MultiLayerNetwork createNetwork();

    /** Trains {@code steps} batches, continuing through the fixture where the last call stopped. */
    protected void train(int steps) {
        for (int i = 0; i < steps; i++) {
            net.fit(batches[next]);
            next = (next + 1) % batches.length;
        }
    }
}
