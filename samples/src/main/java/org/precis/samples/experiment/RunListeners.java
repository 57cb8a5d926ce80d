package org.precis.samples.experiment;

import java.util.List;
import org.deeplearning4j.optimize.api.TrainingListener;

/**
 * Training listeners an experiment adds to the network of each run, beside its own (for example the training UI's,
 * which record each run under its own session). Called once per run, before training starts.
 */
@FunctionalInterface
public interface RunListeners {

    /** No extra listeners. */
    RunListeners NONE = (arm, seed, noise) -> List.of();

    /**
     * @param arm   the arm's name
     * @param seed  the run's seed
     * @param noise the run's noise setting
     * @return the listeners to add to the run's network (fresh instances: runs do not share listeners)
     */
    List<TrainingListener> forRun(String arm, long seed, NoiseSetting noise);
}
