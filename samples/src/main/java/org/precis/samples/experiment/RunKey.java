package org.precis.samples.experiment;

import java.util.Locale;

/**
 * One run of an experiment: an arm, a seed and a noise setting. Experiments record finished runs and checkpoints
 * under this key.
 *
 * @param arm   arm name
 * @param seed  run seed
 * @param noise noise setting
 */
public record RunKey(String arm, long seed, NoiseSetting noise) {

    /** A name for files of this run, e.g. {@code bp-sgd_seed1_label0.2_input0.0}, with only safe characters. */
    public String fileName() {
        String raw = String.format(Locale.ROOT, "%s_seed%d_label%s_input%s", arm, seed, noise.labelNoise(),
                noise.inputNoise());
        return raw.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The run as people read it, e.g. {@code bp-sgd seed 1, label noise 0.20, input noise 0.00}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s seed %d, label noise %.2f, input noise %.2f", arm, seed,
                noise.labelNoise(), noise.inputNoise());
    }
}
