package org.precis.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** MIG against its definition on codes whose information content is known by construction. */
class MutualInformationGapTest {

    /** Every combination of two factors with 4 and 3 values, repeated: the factors are independent and uniform. */
    private static int[][] grid(int repeats) {
        int[][] f = new int[4 * 3 * repeats][];
        int n = 0;
        for (int r = 0; r < repeats; r++) {
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < 3; b++) {
                    f[n++] = new int[] {a, b};
                }
            }
        }
        return f;
    }

    @Test
    void aCodeWithOneDimensionPerFactorAndANuisanceDimensionHasMigOne() {
        // I(z_0; v_0) = H(v_0) and I(z_j; v_0) = 0 for j != 0 (independent factors, balanced grid): every gap is 1.
        int[][] f = grid(10);
        double[][] code = new double[f.length][];
        for (int n = 0; n < f.length; n++) {
            code[n] = new double[] {0.5 * f[n][0] - 1, 2.0 * f[n][1] + 3, 7.0};
        }
        assertThat(MutualInformationGap.compute(code, f)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aCodeIndependentOfTheFactorsHasMigNearZero() {
        // Only the plug-in bias remains: about (20 - 1)(4 - 1) / (2 * 4800) nats per estimate.
        int[][] f = grid(400);
        Random rnd = new Random(1);
        double[][] code = new double[f.length][];
        for (int n = 0; n < f.length; n++) {
            code[n] = new double[] {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
        }
        assertThat(MutualInformationGap.compute(code, f)).isBetween(0.0, 0.02);
    }

    @Test
    void aFactorCopiedIntoTwoDimensionsHasNoGap() {
        // Both copies carry all of v_0, so its gap is 0; v_1 keeps its own dimension: MIG = (0 + 1) / 2.
        int[][] f = grid(10);
        double[][] code = new double[f.length][];
        for (int n = 0; n < f.length; n++) {
            code[n] = new double[] {f[n][0], -f[n][0], f[n][1]};
        }
        assertThat(MutualInformationGap.compute(code, f)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void mutualInformationOfAUniformVariableWithItselfIsTheLogOfItsValueCount() {
        int[] v = {0, 1, 2, 3, 0, 1, 2, 3};
        assertThat(MutualInformationGap.mutualInformation(v, v)).isCloseTo(Math.log(4), within(1e-12));
    }

    @Test
    void discretisationUsesEqualWidthBinsBetweenMinimumAndMaximum() {
        assertThat(MutualInformationGap.discretise(new double[] {0, 0.24, 0.26, 0.99, 1}, 4))
                .containsExactly(0, 0, 1, 3, 3);
        assertThat(MutualInformationGap.discretise(new double[] {2, 2}, 4)).containsExactly(0, 0);
    }

    @Test
    void invalidInputsAreRejected() {
        double[][] code = {{0, 1}, {1, 0}};
        assertThatThrownBy(() -> MutualInformationGap.compute(code, new int[][] {{0}}))
                .hasMessageContaining("same");
        assertThatThrownBy(() -> MutualInformationGap.compute(new double[][] {{0}, {1}}, new int[][] {{0}, {1}}))
                .hasMessageContaining("two code dimensions");
        assertThatThrownBy(() -> MutualInformationGap.compute(code, new int[][] {{1}, {1}}))
                .hasMessageContaining("constant");
        assertThatThrownBy(() -> MutualInformationGap.compute(code, new int[][] {{0}, {1}}, 1))
                .hasMessageContaining("bins");
    }
}
