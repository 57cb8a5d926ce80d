package org.precis.data.noise;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adds Gaussian noise of standard deviation sigma to every feature of each batch (the data-noise experiment of
 * {@code algorithms.md} §4, on inputs scaled to [0, 1]).
 *
 * <p>Noise is drawn afresh for every batch from a generator seeded once, so a run is reproducible: the same seed
 * and the same batch order give the same noise. Use it on training data (new noise in every epoch, as the data
 * is seen anew) and, with its own instance, on test data. By default values are <b>not clipped</b>, so the noise
 * has exactly the stated standard deviation; {@link #clipped} keeps values in [0, 1] instead, which lowers the
 * effective standard deviation near the ends of the range.
 *
 * <p>Modifies the features of the batch in place, as DL4J pre-processors do. Not thread-safe.
 */
public class GaussianInputNoise implements DataSetPreProcessor {

    private static final long serialVersionUID = 1L;

    private final double sigma;
    private final boolean clip;
    private final long seed;
    private transient Random random;

    /**
     * Unclipped noise.
     *
     * @param sigma standard deviation of the noise, at least 0 (0 leaves the data unchanged)
     * @param seed  seed of the noise generator
     */
    public GaussianInputNoise(double sigma, long seed) {
        this(sigma, seed, false);
    }

    private GaussianInputNoise(double sigma, long seed, boolean clip) {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("input noise sigma must be a finite number >= 0, got " + sigma);
        }
        this.sigma = sigma;
        this.seed = seed;
        this.clip = clip;
    }

    /**
     * Noise whose results are clipped to [0, 1].
     *
     * @param sigma standard deviation of the noise before clipping, at least 0
     * @param seed  seed of the noise generator
     */
    public static GaussianInputNoise clipped(double sigma, long seed) {
        return new GaussianInputNoise(sigma, seed, true);
    }

    @Override
    public void preProcess(DataSet batch) {
        if (sigma == 0) {
            return;
        }
        INDArray features = batch.getFeatures();
        INDArray noise = features.ulike();
        Nd4j.getExecutioner().exec(new GaussianDistribution(noise, 0.0, sigma), random());
        features.addi(noise);
        if (clip) {
            Transforms.max(features, 0.0, false);
            Transforms.min(features, 1.0, false);
        }
    }

    private Random random() {
        if (random == null) {
            random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
        }
        return random;
    }

    /**
     * The state of the noise generator, for checkpoints: {@link #restoreGeneratorState} on a fresh instance with the
     * same sigma and seed continues with exactly the noise this one would add next.
     *
     * @return two numbers (ND4J's root and node state of the generator)
     */
    public long[] generatorState() {
        Random r = random();
        return new long[] {r.rootState(), r.nodeState()};
    }

    /**
     * Restores a state returned by {@link #generatorState}.
     *
     * @param state the two numbers of {@link #generatorState}
     */
    public void restoreGeneratorState(long[] state) {
        if (state.length != 2) {
            throw new IllegalArgumentException("a noise generator state is two numbers, got " + state.length);
        }
        random().setStates(state[0], state[1]);
    }

    /** Standard deviation of the added noise. */
    public double sigma() {
        return sigma;
    }

    /** Whether results are clipped to [0, 1]. */
    public boolean isClipped() {
        return clip;
    }
}
