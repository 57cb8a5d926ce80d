package org.precis.samples.arms;

import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * One training scheme of an experiment: it builds a ready-to-train network for a shape and a seed.
 *
 * <p>Call order: {@link #createNetwork} once per (seed, run), then the caller fits the network epoch by epoch
 * with the shared data iterators. Implementations are stateless and may be reused across runs.
 */
public interface Arm {

    /** The arm's name on the command line ({@code --arms}), e.g. {@code bp-adam}. */
    String name();

    /** One line saying what the arm trains with, for reports. */
    String description();

    /** The arm's hyperparameters, for {@code results.json}. */
    Map<String, Object> hyperparameters();

    /**
     * Builds and initialises a network of the given shape, seeded so that the same seed gives the same initial
     * weights.
     *
     * @param shape the architecture shared by all arms
     * @param seed  seed of the weight initialisation
     */
    MultiLayerNetwork createNetwork(NetworkShape shape, long seed);

    /**
     * Checks, before any training, that the arm can build {@code shape}. Every arm can by default.
     *
     * @param shape the architecture of the experiment
     * @throws IllegalArgumentException naming the arm and what it needs
     */
    default void checkShape(NetworkShape shape) {
    }

    /**
     * Figures of a trained network worth reporting beside its accuracy (such as learned precisions), by name.
     * None by default.
     *
     * @param trained a network made by {@link #createNetwork} and trained
     */
    default Map<String, Double> diagnostics(MultiLayerNetwork trained) {
        return Map.of();
    }
}
