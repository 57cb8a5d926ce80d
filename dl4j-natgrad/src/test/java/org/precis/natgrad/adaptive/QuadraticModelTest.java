package org.precis.natgrad.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The 1-D and 2-D quadratic models solved against hand-worked minima. */
class QuadraticModelTest {

    @Test
    void oneDirectionIsMinimisedAtMinusTheSlopeOverTheDampedCurvature() {
        // M(w) = 3 w + 1/2 (2 + 0.5 * 4) w^2 -> w = -3 / 4, change 3 (-3/4) + 1/2 * 2 * 9/16 = -1.6875.
        QuadraticModel m = new QuadraticModel(new double[][] {{2}}, new double[][] {{4}}, new double[] {3});

        double[] w = m.minimise(0.5);

        assertThat(w).containsExactly(-0.75);
        assertThat(m.change(w)).isCloseTo(-2.25 + 0.5625, within(1e-15));
    }

    @Test
    void twoDirectionsSolveTheTwoByTwoSystem() {
        // (C + lambda D) = [[3, 1], [1, 2]], b = [1, -1]: w = -[[3, 1], [1, 2]]^-1 [1, -1] = [-3/5, 4/5].
        QuadraticModel m = new QuadraticModel(new double[][] {{2, 1}, {1, 1}}, new double[][] {{1, 0}, {0, 1}},
                new double[] {1, -1});

        double[] w = m.minimise(1.0);

        assertThat(w[0]).isCloseTo(-0.6, within(1e-15));
        assertThat(w[1]).isCloseTo(0.8, within(1e-15));
        // Undamped change: b.w + 1/2 w C w = -1.4 + 1/2 (0.72 - 0.96 + 0.64) = -1.2.
        assertThat(m.change(w)).isCloseTo(-1.2, within(1e-15));
    }

    @Test
    void parallelDirectionsFallBackToTheFirstAlone() {
        // v1 = 2 v0: C and D are rank one; the second coefficient is dropped.
        QuadraticModel m = new QuadraticModel(new double[][] {{1, 2}, {2, 4}}, new double[][] {{1, 2}, {2, 4}},
                new double[] {1, 2});

        assertThat(m.minimise(0.0)).containsExactly(-1.0, 0.0);
    }

    @Test
    void aModelOverMoreThanTwoDirectionsIsRejected() {
        assertThatThrownBy(() -> new QuadraticModel(new double[3][3], new double[3][3], new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 or 2");
    }
}
