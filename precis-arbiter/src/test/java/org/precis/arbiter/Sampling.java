package org.precis.arbiter;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;

/** Draws points of a space the way a search does: through Arbiter's own random candidate generator. */
public final class Sampling {

    private Sampling() {
    }

    /**
     * @return {@code n} candidate values of {@code space}, failing the test on any candidate Arbiter could not build
     */
    @SuppressWarnings("unchecked")
    public static <T> List<T> sample(ParameterSpace<T> space, int n, long seed) {
        RandomSearchGenerator generator = new RandomSearchGenerator(space);
        generator.setRngSeed(seed);
        List<T> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Candidate c = generator.getCandidate();
            if (c.getException() != null) {
                throw new AssertionError("candidate " + i + " failed", c.getException());
            }
            values.add((T) c.getValue());
        }
        return values;
    }
}
