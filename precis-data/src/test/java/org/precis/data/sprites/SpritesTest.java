package org.precis.data.sprites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The sprite generator against its stated grid and against plane geometry. */
class SpritesTest {

    /** A fine-sampled grid, so coverage approximates area and centroid closely. */
    private static final SpriteGrid FINE = new SpriteGrid.Builder().supersampling(8).build();

    @Test
    void theDefaultGridHasTheStatedFactorValues() {
        SpriteGrid g = SpriteGrid.defaults();

        assertThat(g.factorSizes()).containsExactly(3, 6, 12, 16, 16);
        assertThat(g.size()).isEqualTo(3 * 6 * 12 * 16 * 16);
        assertThat(g.imageSize()).isEqualTo(32);
        assertThat(List.of(g.shape(0), g.shape(1), g.shape(2)))
                .containsExactly(SpriteShape.SQUARE, SpriteShape.ELLIPSE, SpriteShape.TRIANGLE);
        for (int i = 0; i < 6; i++) {
            assertThat(g.scale(i)).isCloseTo(0.5 + 0.1 * i, within(1e-12));
        }
        for (int i = 0; i < 12; i++) {
            assertThat(g.rotationDegrees(i)).isCloseTo(30.0 * i, within(1e-12));
        }
        for (int i = 0; i < 16; i++) {
            assertThat(g.position(i)).isCloseTo(0.2 + 0.04 * i, within(1e-12));
        }
    }

    @Test
    void aLargeEnoughSampleShowsEveryValueOfEveryFactor() {
        // 3,000 uniform draws miss one of 16 values with probability about 16 (15/16)^3000, i.e. never.
        SpriteData data = Sprites.sample(SpriteGrid.defaults(), 3000, 1);
        int[] sizes = data.grid().factorSizes();
        for (int f = 0; f < sizes.length; f++) {
            Set<Integer> seen = new HashSet<>();
            for (int[] row : data.factors()) {
                seen.add(row[f]);
            }
            assertThat(seen).as(SpriteGrid.FACTOR_NAMES.get(f)).hasSize(sizes[f]);
            int values = sizes[f];
            assertThat(seen).allMatch(v -> v >= 0 && v < values);
        }
        assertThat(data.features().rows()).isEqualTo(3000);
        assertThat(data.features().minNumber().doubleValue()).isGreaterThanOrEqualTo(0.0);
        assertThat(data.features().maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void theFullGridHoldsEveryCombinationOnceInRowMajorOrder() {
        SpriteGrid g = new SpriteGrid.Builder().imageSize(16).scaleCount(2).rotationCount(4).positionCount(3)
                .build();
        SpriteData all = Sprites.fullGrid(g);

        assertThat(all.numExamples()).isEqualTo(3 * 2 * 4 * 3 * 3);
        Set<List<Integer>> distinct = new HashSet<>();
        for (int[] row : all.factors()) {
            distinct.add(Arrays.stream(row).boxed().toList());
        }
        assertThat(distinct).hasSize(all.numExamples());
        // Row 1 changes only y (fastest); row 3*3 = 9 is the first with x back at 0 and rotation 1.
        assertThat(all.factors()[1]).containsExactly(0, 0, 0, 0, 1);
        assertThat(all.factors()[9]).containsExactly(0, 0, 1, 0, 0);
        assertThat(all.factors()[all.numExamples() - 1]).containsExactly(2, 1, 3, 2, 2);
        assertThat(all.features().getRow(5).toFloatVector()).containsExactly(Sprites.render(g, all.factors()[5]));
    }

    @Test
    void theCentroidOfTheSpriteIsItsStatedPosition() {
        // Square, ellipse and equilateral triangle all have their centroid at the centre of their frame, so the
        // intensity centroid sits at the stated position whatever the scale and rotation. Pixel j spans
        // [j, j+1) in image units of 1/32, so position p lands at pixel coordinate 32 p - 0.5.
        for (int shape = 0; shape < 3; shape++) {
            for (int[] xy : new int[][] {{0, 0}, {15, 0}, {3, 11}, {15, 15}, {8, 4}}) {
                for (int rotation : new int[] {0, 1, 5}) {
                    float[] img = Sprites.render(FINE, shape, 2, rotation, xy[0], xy[1]);
                    double[] centroid = centroid(img, 32);
                    assertThat(centroid[0]).as("x of shape %d at %s", shape, Arrays.toString(xy))
                            .isCloseTo(32 * FINE.position(xy[0]) - 0.5, within(0.1));
                    assertThat(centroid[1]).as("y of shape %d at %s", shape, Arrays.toString(xy))
                            .isCloseTo(32 * FINE.position(xy[1]) - 0.5, within(0.1));
                }
            }
        }
    }

    @Test
    void theAreaIsTheShapesAreaAtItsScale() {
        // Areas in half-sizes squared: square 2 x 2 = 4, ellipse pi * 1 * 1/2, equilateral triangle of
        // circumradius 1: 3 sqrt(3) / 4. Half-size = scale * 0.14 image widths = scale * 4.48 pixels.
        double[] unitArea = {4, Math.PI / 2, 3 * Math.sqrt(3) / 4};
        for (int shape = 0; shape < 3; shape++) {
            double previous = 0;
            for (int scale = 0; scale < 6; scale++) {
                double half = FINE.scale(scale) * 0.14 * 32;
                double area = sum(Sprites.render(FINE, shape, scale, 1, 7, 9));
                assertThat(area).as("shape %d scale %d", shape, scale)
                        .isCloseTo(unitArea[shape] * half * half, within(0.03 * unitArea[shape] * half * half));
                assertThat(area).isGreaterThan(previous);
                previous = area;
            }
        }
    }

    @Test
    void aSquareLooksTheSameOnlyAfterMultiplesOfNinetyDegrees() {
        float[] upright = Sprites.render(FINE, 0, 5, 0, 8, 8);
        double area = sum(upright);
        for (int r = 1; r < 12; r++) {
            double difference = absDifference(Sprites.render(FINE, 0, 5, r, 8, 8), upright);
            if (r % 3 == 0) {
                // 90, 180, 270 degrees: the same point set; only sample points on the edge may flip.
                assertThat(difference).as("rotation %d", r).isLessThan(0.01 * area);
            } else {
                // A square turned by 30 or 60 degrees leaves about a fifth of its area outside the upright one.
                assertThat(difference).as("rotation %d", r).isGreaterThan(0.2 * area);
            }
        }
    }

    @Test
    void theTriangleRepeatsEvery120DegreesAndTheEllipseEvery180() {
        float[] triangle = Sprites.render(FINE, 2, 5, 0, 8, 8);
        float[] ellipse = Sprites.render(FINE, 1, 5, 0, 8, 8);
        assertThat(absDifference(Sprites.render(FINE, 2, 5, 4, 8, 8), triangle)).isLessThan(0.01 * sum(triangle));
        assertThat(absDifference(Sprites.render(FINE, 2, 5, 6, 8, 8), triangle)).isGreaterThan(0.2 * sum(triangle));
        assertThat(absDifference(Sprites.render(FINE, 1, 5, 6, 8, 8), ellipse)).isLessThan(0.01 * sum(ellipse));
        assertThat(absDifference(Sprites.render(FINE, 1, 5, 3, 8, 8), ellipse)).isGreaterThan(0.2 * sum(ellipse));
    }

    @Test
    void theLargestSpritesAtTheEdgesStayInsideTheImage() {
        // Circumradius of the largest square: sqrt(2) * 0.14 = 0.198 image widths < 0.2, the outermost centre, so
        // nothing is cut off at the corners: the covered area equals that of the same sprite in the middle.
        for (int rotation = 0; rotation < 3; rotation++) {
            double middle = sum(Sprites.render(FINE, 0, 5, rotation, 8, 8));
            for (int[] xy : new int[][] {{0, 0}, {0, 15}, {15, 0}, {15, 15}}) {
                float[] img = Sprites.render(FINE, 0, 5, rotation, xy[0], xy[1]);
                assertThat(sum(img)).as("rotation %d at %s", rotation, Arrays.toString(xy))
                        .isCloseTo(middle, within(0.01 * middle));
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameSampleAndAnotherSeedAnother() {
        SpriteGrid g = SpriteGrid.defaults();
        SpriteData a = Sprites.sample(g, 40, 7);
        SpriteData b = Sprites.sample(g, 40, 7);
        SpriteData c = Sprites.sample(g, 40, 8);

        assertThat(a.factors()).isDeepEqualTo(b.factors());
        assertThat(a.features()).isEqualTo(b.features());
        assertThat(Arrays.deepEquals(a.factors(), c.factors())).isFalse();
        INDArray autoencoderLabels = a.toAutoencoderDataSet().getLabels();
        assertThat(autoencoderLabels).isEqualTo(a.features());
    }

    @Test
    void badArgumentsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new SpriteGrid.Builder().imageSize(4).build()).hasMessageContaining("imageSize");
        assertThatThrownBy(() -> new SpriteGrid.Builder().scaleCount(0).build()).hasMessageContaining("scaleCount");
        assertThatThrownBy(() -> new SpriteGrid.Builder().rotationCount(0).build())
                .hasMessageContaining("rotationCount");
        assertThatThrownBy(() -> new SpriteGrid.Builder().positionCount(-1).build())
                .hasMessageContaining("positionCount");
        assertThatThrownBy(() -> new SpriteGrid.Builder().supersampling(0).build())
                .hasMessageContaining("supersampling");
        assertThatThrownBy(() -> new SpriteGrid.Builder().positionCount(100000).build())
                .hasMessageContaining("int");
        SpriteGrid g = SpriteGrid.defaults();
        assertThatThrownBy(() -> Sprites.sample(g, 0, 1)).hasMessageContaining("count");
        assertThatThrownBy(() -> Sprites.render(g, 0, 0, 0, 0)).hasMessageContaining("5 factor indices");
        assertThatThrownBy(() -> Sprites.render(g, 3, 0, 0, 0, 0)).hasMessageContaining("shape");
        assertThatThrownBy(() -> Sprites.render(g, 0, 6, 0, 0, 0)).hasMessageContaining("scale");
        assertThatThrownBy(() -> Sprites.render(g, 0, 0, 12, 0, 0)).hasMessageContaining("rotation");
        assertThatThrownBy(() -> Sprites.render(g, 0, 0, 0, -1, 0)).hasMessageContaining("'x'");
        assertThatThrownBy(() -> Sprites.render(g, 0, 0, 0, 0, 16)).hasMessageContaining("'y'");
    }

    @Test
    void singleValueFactorsSitAtTheStatedMiddle() {
        SpriteGrid g = new SpriteGrid.Builder().scaleCount(1).rotationCount(1).positionCount(1).build();
        assertThat(g.scale(0)).isEqualTo(1.0);
        assertThat(g.rotationDegrees(0)).isZero();
        assertThat(g.position(0)).isEqualTo(0.5);
        assertThat(g.size()).isEqualTo(3);
    }

    private static double[] centroid(float[] img, int size) {
        double m = 0;
        double sx = 0;
        double sy = 0;
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                double w = img[r * size + c];
                m += w;
                sx += w * c;
                sy += w * r;
            }
        }
        return new double[] {sx / m, sy / m};
    }

    private static double sum(float[] img) {
        double s = 0;
        for (float v : img) {
            s += v;
        }
        return s;
    }

    private static double absDifference(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s;
    }
}
