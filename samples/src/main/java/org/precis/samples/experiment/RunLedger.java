package org.precis.samples.experiment;

import java.util.Optional;

/**
 * Where an experiment keeps what it has finished, so that nothing finished is lost: each run is recorded as soon as
 * it ends, and a resumed experiment skips the runs already recorded.
 */
public interface RunLedger {

    /** @return the recorded result of a run, if it has finished before */
    Optional<ArmResult> finished(RunKey key);

    /**
     * Records a finished run durably (on disk before this returns).
     *
     * @throws java.io.UncheckedIOException when it cannot be written
     */
    void record(ArmResult result);

    /** A ledger that keeps nothing: every run trains from scratch, results live only in memory. */
    RunLedger NONE = new RunLedger() {
        @Override
        public Optional<ArmResult> finished(RunKey key) {
            return Optional.empty();
        }

        @Override
        public void record(ArmResult result) {
        }
    };
}
