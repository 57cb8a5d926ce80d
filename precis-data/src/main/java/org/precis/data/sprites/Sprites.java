package org.precis.data.sprites;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Generates sprite data sets on a {@link SpriteGrid}: a seeded random sample, or every sprite of the grid once.
 * Nothing is downloaded; the images are drawn in code.
 */
public final class Sprites {

    private Sprites() {
    }

    /**
     * Draws {@code count} sprites, each factor index independently uniform over its grid (with replacement).
     * The same grid, count and seed give the same images and factors.
     *
     * @param grid  the factor grid
     * @param count number of images, at least 1
     * @param seed  seed of the factor draws
     * @throws IllegalArgumentException when {@code count} is not positive
     */
    public static SpriteData sample(SpriteGrid grid, int count, long seed) {
        if (count <= 0) {
            throw new IllegalArgumentException("Sprites.sample: count must be positive, got " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] sizes = grid.factorSizes();
        int[][] factors = new int[count][sizes.length];
        for (int n = 0; n < count; n++) {
            for (int f = 0; f < sizes.length; f++) {
                factors[n][f] = random.nextInt(sizes[f]);
            }
        }
        return draw(grid, factors);
    }

    /**
     * Every sprite of the grid once, in row-major order of the factors (shape slowest, y fastest), so that row n
     * has the mixed-radix digits of n in the {@link SpriteGrid#factorSizes() factor sizes}.
     *
     * @param grid the factor grid; mind its {@link SpriteGrid#size() size}: the default grid has 55,296 sprites
     *     (about 226 MB as float images)
     */
    public static SpriteData fullGrid(SpriteGrid grid) {
        int[] sizes = grid.factorSizes();
        int[][] factors = new int[grid.size()][sizes.length];
        for (int n = 0; n < factors.length; n++) {
            int rest = n;
            for (int f = sizes.length - 1; f >= 0; f--) {
                factors[n][f] = rest % sizes[f];
                rest /= sizes[f];
            }
        }
        return draw(grid, factors);
    }

    /**
     * The image of one sprite.
     *
     * @param grid    the factor grid
     * @param factors one index per factor column (not modified)
     * @return imageSize^2 gray levels in [0, 1], row-major from the top-left pixel
     * @throws IllegalArgumentException when the number of indices is wrong or an index is off the grid
     */
    public static float[] render(SpriteGrid grid, int... factors) {
        checkFactors(grid, factors);
        float[] image = new float[grid.pixels()];
        SpriteRenderer.render(grid, factors, image, 0);
        return image;
    }

    private static SpriteData draw(SpriteGrid grid, int[][] factors) {
        int pixels = grid.pixels();
        float[] all = new float[Math.multiplyExact(factors.length, pixels)];
        for (int n = 0; n < factors.length; n++) {
            SpriteRenderer.render(grid, factors[n], all, n * pixels);
        }
        return new SpriteData(grid, Nd4j.create(all, new long[] {factors.length, pixels}, DataType.FLOAT), factors);
    }

    private static void checkFactors(SpriteGrid grid, int[] factors) {
        if (factors.length != SpriteGrid.FACTOR_NAMES.size()) {
            throw new IllegalArgumentException("Sprites.render: expected " + SpriteGrid.FACTOR_NAMES.size()
                    + " factor indices " + SpriteGrid.FACTOR_NAMES + ", got " + factors.length);
        }
        grid.shape(factors[SpriteGrid.SHAPE]);
        grid.scale(factors[SpriteGrid.SCALE]);
        grid.rotationDegrees(factors[SpriteGrid.ROTATION]);
        grid.position(factors[SpriteGrid.X]);
        int y = factors[SpriteGrid.Y];
        if (y < 0 || y >= grid.factorSizes()[SpriteGrid.Y]) {
            throw new IllegalArgumentException("Sprite factor 'y' index must lie in [0, "
                    + (grid.factorSizes()[SpriteGrid.Y] - 1) + "], got " + y);
        }
    }
}
