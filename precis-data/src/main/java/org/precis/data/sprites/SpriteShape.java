package org.precis.data.sprites;

/**
 * The three sprite shapes, each defined in its own frame (u to the right, v up) with its circumradius at most
 * sqrt(2) half-sizes, so that {@link SpriteGrid} can keep every rotated sprite inside the image.
 */
public enum SpriteShape {

    /** The square [-1, 1] x [-1, 1]: four-fold symmetric, so rotations by multiples of 90 degrees look alike. */
    SQUARE {
        @Override
        boolean contains(double u, double v) {
            return Math.abs(u) <= 1 && Math.abs(v) <= 1;
        }
    },
    /** The ellipse with semi-axes 1 (along u) and 1/2 (along v): elongated, so its rotation is visible. */
    ELLIPSE {
        @Override
        boolean contains(double u, double v) {
            return u * u + 4 * v * v <= 1;
        }
    },
    /** The equilateral triangle inscribed in the unit circle, one vertex pointing up (+v). */
    TRIANGLE {
        @Override
        boolean contains(double u, double v) {
            return v >= -0.5 && v <= 1 - SQRT3 * Math.abs(u);
        }
    };

    private static final double SQRT3 = Math.sqrt(3);

    /** Circumradius bound of every shape, in half-sizes: the square's half-diagonal. */
    static final double MAX_CIRCUMRADIUS = Math.sqrt(2);

    /**
     * Whether a point of the shape's own frame lies in the shape.
     *
     * @param u coordinate along the shape's horizontal axis, in half-sizes
     * @param v coordinate along the shape's vertical axis (up), in half-sizes
     */
    abstract boolean contains(double u, double v);
}
