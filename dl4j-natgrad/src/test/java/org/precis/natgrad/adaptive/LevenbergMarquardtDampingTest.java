package org.precis.natgrad.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The Levenberg-Marquardt rule of Martens and Grosse (2015, section 6.5), step by step. */
class LevenbergMarquardtDampingTest {

    private static final int PERIOD = 5;
    private static final double DECAY = 19.0 / 20.0;
    private static final double BOOST = 20.0 / 19.0;

    private static LevenbergMarquardtDamping damping(double initial) {
        return new LevenbergMarquardtDamping(initial, PERIOD, DECAY, BOOST, 1e-8, 1e4);
    }

    @Test
    void aGoodFitShrinksTheDampingByTheDecayToThePowerOfThePeriod() {
        LevenbergMarquardtDamping d = damping(1.0);
        d.adapt(0.9);
        assertThat(d.value()).isCloseTo(Math.pow(19.0 / 20.0, 5), within(1e-15));
    }

    @Test
    void aPoorFitGrowsTheDampingByTheBoostToThePowerOfThePeriod() {
        LevenbergMarquardtDamping d = damping(1.0);
        d.adapt(0.1);
        assertThat(d.value()).isCloseTo(Math.pow(20.0 / 19.0, 5), within(1e-15));
    }

    @Test
    void aFairFitLeavesTheDampingAlone() {
        LevenbergMarquardtDamping d = damping(1.0);
        for (double rho : new double[] {0.25, 0.5, 0.75}) {
            d.adapt(rho);
        }
        assertThat(d.value()).isEqualTo(1.0);
    }

    @Test
    void aRatioThatIsNotANumberCountsAsAPoorFit() {
        // A step that made the loss non-finite, or a model that predicted no decrease.
        LevenbergMarquardtDamping d = damping(1.0);
        d.adapt(Double.NaN);
        assertThat(d.value()).isGreaterThan(1.0);
    }

    @Test
    void theDampingStaysWithinItsBounds() {
        LevenbergMarquardtDamping low = damping(1.1e-8);
        low.adapt(1.0);
        assertThat(low.value()).isEqualTo(1e-8);
        LevenbergMarquardtDamping high = damping(9.9e3);
        high.adapt(-5.0);
        assertThat(high.value()).isEqualTo(1e4);
    }

    @Test
    void theRatioIsTakenOnTheLastStepOfEveryPeriod() {
        LevenbergMarquardtDamping d = damping(1.0);
        assertThat(d.adaptsAfter(0)).isFalse();
        assertThat(d.adaptsAfter(PERIOD - 1)).isTrue();
        assertThat(d.adaptsAfter(PERIOD)).isFalse();
        assertThat(d.adaptsAfter(2 * PERIOD - 1)).isTrue();
    }
}
