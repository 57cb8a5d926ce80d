package org.precis.samples.arms;

import java.util.Arrays;

/**
 * The architecture every arm of an experiment shares: a fully connected classifier
 * {@code inputs -> hidden[0] -> ... -> classes}.
 *
 * @param inputs  input features
 * @param hidden  hidden layer sizes, bottom first (may be empty)
 * @param classes output classes
 */
public record NetworkShape(int inputs, int[] hidden, int classes) {

    /** Validates the sizes and copies the hidden sizes. */
    public NetworkShape {
        if (inputs <= 0 || classes <= 1) {
            throw new IllegalArgumentException("need inputs > 0 and classes > 1, got " + inputs + " and " + classes);
        }
        hidden = hidden.clone();
        for (int h : hidden) {
            if (h <= 0) {
                throw new IllegalArgumentException("hidden layer sizes must be positive, got " + Arrays.toString(hidden));
            }
        }
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** The shape as "784-256-256-10". */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(inputs);
        for (int h : hidden) {
            s.append('-').append(h);
        }
        return s.append('-').append(classes).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkShape other && inputs == other.inputs && classes == other.classes
                && Arrays.equals(hidden, other.hidden);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * inputs + Arrays.hashCode(hidden)) + classes;
    }
}
