package org.precis.data.sprites;

/** Draws one sprite of a grid by point sampling: the coverage fraction of each pixel. */
final class SpriteRenderer {

    private SpriteRenderer() {
    }

    /**
     * Writes the image of the sprite with the given factor indices into {@code out}, row-major from the top-left
     * pixel, starting at {@code offset}; pixels the sprite cannot reach are set to 0.
     *
     * @param grid    the grid the indices refer to
     * @param factors one index per factor column of {@link SpriteGrid} (not modified)
     * @param out     receives imageSize^2 values in [0, 1] (modified)
     * @param offset  first index of {@code out} written
     */
    static void render(SpriteGrid grid, int[] factors, float[] out, int offset) {
        int size = grid.imageSize();
        int k = grid.supersampling();
        SpriteShape shape = grid.shape(factors[SpriteGrid.SHAPE]);
        double half = grid.scale(factors[SpriteGrid.SCALE]) * SpriteGrid.BASE_HALF_SIZE;
        double theta = Math.toRadians(grid.rotationDegrees(factors[SpriteGrid.ROTATION]));
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double cx = grid.position(factors[SpriteGrid.X]);
        double cy = grid.position(factors[SpriteGrid.Y]);
        java.util.Arrays.fill(out, offset, offset + size * size, 0f);
        // Only pixels within the circumradius can be touched; skipping the rest makes the full grid cheap.
        double reach = SpriteShape.MAX_CIRCUMRADIUS * half;
        int c0 = Math.max(0, (int) Math.floor((cx - reach) * size));
        int c1 = Math.min(size - 1, (int) Math.ceil((cx + reach) * size));
        int r0 = Math.max(0, (int) Math.floor((cy - reach) * size));
        int r1 = Math.min(size - 1, (int) Math.ceil((cy + reach) * size));
        float perSample = 1f / (k * k);
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                int inside = 0;
                for (int a = 0; a < k; a++) {
                    double dy = cy - (r + (a + 0.5) / k) / size; // image rows grow downwards, v grows upwards
                    for (int b = 0; b < k; b++) {
                        double dx = (c + (b + 0.5) / k) / size - cx;
                        // The shape rotated by theta contains p exactly when R(-theta) p lies in the shape.
                        double u = (cos * dx + sin * dy) / half;
                        double v = (-sin * dx + cos * dy) / half;
                        if (shape.contains(u, v)) {
                            inside++;
                        }
                    }
                }
                out[offset + r * size + c] = inside * perSample;
            }
        }
    }
}
