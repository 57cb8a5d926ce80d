package org.precis.data.sprites;

import java.util.List;

/**
 * The factor grid of the sprite data set and the image it is drawn on. Five factors, each on a discrete grid of
 * evenly spaced values, addressed by index (column order of {@link SpriteData#factors()}):
 *
 * <ol start="0">
 *   <li>{@link #SHAPE}: {@link SpriteShape#values()} in declaration order (square, ellipse, triangle): 3 values.
 *   <li>{@link #SCALE}: {@code scaleCount} values from {@value #MIN_SCALE} to {@value #MAX_SCALE} inclusive
 *       (default {@value #DEFAULT_SCALE_COUNT}); one value means {@value #MAX_SCALE}. At scale s a shape's
 *       half-size is s * {@value #BASE_HALF_SIZE} image widths.
 *   <li>{@link #ROTATION}: {@code rotationCount} angles k * 360 / rotationCount degrees, k = 0..rotationCount-1,
 *       counter-clockwise (default {@value #DEFAULT_ROTATION_COUNT}: steps of 30 degrees).
 *   <li>{@link #X}: {@code positionCount} centre positions from {@value #MIN_POSITION} to {@value #MAX_POSITION}
 *       image widths inclusive, left to right (default {@value #DEFAULT_POSITION_COUNT}); one value means 0.5.
 *   <li>{@link #Y}: the same positions, top to bottom (row 0 of the image is the top).
 * </ol>
 *
 * <p>The position range keeps every shape inside the image at any scale and rotation (the largest circumradius,
 * sqrt(2) * {@value #BASE_HALF_SIZE}, is below {@value #MIN_POSITION}). Images are {@code imageSize} x
 * {@code imageSize} (default {@value #DEFAULT_IMAGE_SIZE}), gray levels in [0, 1]: each pixel is the fraction of
 * {@code supersampling}^2 evenly spaced sample points inside it that fall in the shape (default
 * {@value #DEFAULT_SUPERSAMPLING} per axis), so sub-pixel moves change the image.
 */
public final class SpriteGrid {

    /** Column of the shape factor. */
    public static final int SHAPE = 0;
    /** Column of the scale factor. */
    public static final int SCALE = 1;
    /** Column of the rotation factor. */
    public static final int ROTATION = 2;
    /** Column of the x-position factor. */
    public static final int X = 3;
    /** Column of the y-position factor. */
    public static final int Y = 4;
    /** Names of the factors, by column. */
    public static final List<String> FACTOR_NAMES = List.of("shape", "scale", "rotation", "x", "y");

    /** Default image side in pixels. */
    public static final int DEFAULT_IMAGE_SIZE = 32;
    /** Smallest image side accepted: smaller images cannot tell the shapes apart. */
    public static final int MIN_IMAGE_SIZE = 8;
    /** Default number of scale values. */
    public static final int DEFAULT_SCALE_COUNT = 6;
    /** Default number of rotation angles. */
    public static final int DEFAULT_ROTATION_COUNT = 12;
    /** Default number of positions per axis. */
    public static final int DEFAULT_POSITION_COUNT = 16;
    /** Default number of sample points per pixel and axis. */
    public static final int DEFAULT_SUPERSAMPLING = 4;
    /** Smallest scale. */
    public static final double MIN_SCALE = 0.5;
    /** Largest scale. */
    public static final double MAX_SCALE = 1.0;
    /** Half-size of a shape at scale 1, in image widths. */
    public static final double BASE_HALF_SIZE = 0.14;
    /** Smallest centre position, in image widths. */
    public static final double MIN_POSITION = 0.2;
    /** Largest centre position, in image widths. */
    public static final double MAX_POSITION = 0.8;

    private final int imageSize;
    private final int scaleCount;
    private final int rotationCount;
    private final int positionCount;
    private final int supersampling;

    private SpriteGrid(Builder b) {
        this.imageSize = b.imageSize;
        this.scaleCount = b.scaleCount;
        this.rotationCount = b.rotationCount;
        this.positionCount = b.positionCount;
        this.supersampling = b.supersampling;
    }

    /** The grid with every default. */
    public static SpriteGrid defaults() {
        return new Builder().build();
    }

    /** Image side in pixels. */
    public int imageSize() {
        return imageSize;
    }

    /** Pixels per image: imageSize^2. */
    public int pixels() {
        return imageSize * imageSize;
    }

    /** Sample points per pixel and axis. */
    public int supersampling() {
        return supersampling;
    }

    /** Number of values of each factor, by column: {shapes, scales, rotations, positions, positions}. */
    public int[] factorSizes() {
        return new int[] {SpriteShape.values().length, scaleCount, rotationCount, positionCount, positionCount};
    }

    /** Number of distinct sprites: the product of {@link #factorSizes()}. */
    public int size() {
        int n = 1;
        for (int s : factorSizes()) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    /** The shape of index {@code i}. */
    public SpriteShape shape(int i) {
        return SpriteShape.values()[check(SHAPE, i)];
    }

    /** The scale of index {@code i}. */
    public double scale(int i) {
        return evenlySpaced(MIN_SCALE, MAX_SCALE, scaleCount, check(SCALE, i), MAX_SCALE);
    }

    /** The rotation of index {@code i}, in degrees counter-clockwise. */
    public double rotationDegrees(int i) {
        return 360.0 * check(ROTATION, i) / rotationCount;
    }

    /** The centre position of index {@code i} on either axis, in image widths. */
    public double position(int i) {
        return evenlySpaced(MIN_POSITION, MAX_POSITION, positionCount, check(X, i), 0.5);
    }

    private static double evenlySpaced(double lo, double hi, int count, int i, double single) {
        return count == 1 ? single : lo + (hi - lo) * i / (count - 1);
    }

    private int check(int factor, int i) {
        int n = factorSizes()[factor];
        if (i < 0 || i >= n) {
            throw new IllegalArgumentException("Sprite factor '" + FACTOR_NAMES.get(factor) + "' index must lie in [0, "
                    + (n - 1) + "], got " + i);
        }
        return i;
    }

    @Override
    public String toString() {
        return "SpriteGrid{imageSize=" + imageSize + ", scales=" + scaleCount + ", rotations=" + rotationCount
                + ", positions=" + positionCount + ", supersampling=" + supersampling + "}";
    }

    /** Builds a {@link SpriteGrid}; every setting has the default stated on {@link SpriteGrid}. */
    public static final class Builder {
        private int imageSize = DEFAULT_IMAGE_SIZE;
        private int scaleCount = DEFAULT_SCALE_COUNT;
        private int rotationCount = DEFAULT_ROTATION_COUNT;
        private int positionCount = DEFAULT_POSITION_COUNT;
        private int supersampling = DEFAULT_SUPERSAMPLING;

        /** Image side in pixels, at least {@value SpriteGrid#MIN_IMAGE_SIZE} (default {@value SpriteGrid#DEFAULT_IMAGE_SIZE}). */
        public Builder imageSize(int size) {
            this.imageSize = size;
            return this;
        }

        /** Number of scale values, at least 1 (default {@value SpriteGrid#DEFAULT_SCALE_COUNT}). */
        public Builder scaleCount(int count) {
            this.scaleCount = count;
            return this;
        }

        /** Number of rotation angles, at least 1 (default {@value SpriteGrid#DEFAULT_ROTATION_COUNT}). */
        public Builder rotationCount(int count) {
            this.rotationCount = count;
            return this;
        }

        /** Number of positions per axis, at least 1 (default {@value SpriteGrid#DEFAULT_POSITION_COUNT}). */
        public Builder positionCount(int count) {
            this.positionCount = count;
            return this;
        }

        /** Sample points per pixel and axis, at least 1 (default {@value SpriteGrid#DEFAULT_SUPERSAMPLING}). */
        public Builder supersampling(int samples) {
            this.supersampling = samples;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the setting when a value is out of range, or when the grid has
         *     more than {@link Integer#MAX_VALUE} sprites
         */
        public SpriteGrid build() {
            require(imageSize >= MIN_IMAGE_SIZE, "imageSize", imageSize, "at least " + MIN_IMAGE_SIZE);
            require(scaleCount >= 1, "scaleCount", scaleCount, "at least 1");
            require(rotationCount >= 1, "rotationCount", rotationCount, "at least 1");
            require(positionCount >= 1, "positionCount", positionCount, "at least 1");
            require(supersampling >= 1, "supersampling", supersampling, "at least 1");
            SpriteGrid grid = new SpriteGrid(this);
            try {
                grid.size();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("SpriteGrid: the grid " + grid + " has more sprites than an int holds");
            }
            return grid;
        }

        private static void require(boolean ok, String name, int value, String rule) {
            if (!ok) {
                throw new IllegalArgumentException("SpriteGrid: " + name + " must be " + rule + ", got " + value);
            }
        }
    }
}
