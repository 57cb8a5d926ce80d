package org.precis.samples.autoencode;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A PNG of small grayscale images in a grid, one labelled row per array: originals against reconstructions, or
 * one latent's traversal per row. Pixels are clipped to [0, 1] and drawn white-on-black, enlarged for reading.
 */
final class ImageGrid {

    /** Screen pixels per image pixel. */
    static final int ZOOM = 3;
    private static final int GAP = 2;
    private static final int LABEL_WIDTH = 180;

    private ImageGrid() {
    }

    /**
     * Writes the grid.
     *
     * @param file   the PNG file
     * @param side   image side in pixels (images are square, row-major)
     * @param rows   one [columns, side^2] array per row (not modified)
     * @param labels one label per row
     */
    static void write(Path file, int side, List<INDArray> rows, List<String> labels) throws IOException {
        if (rows.size() != labels.size() || rows.isEmpty()) {
            throw new IllegalArgumentException("ImageGrid needs one label per row and at least one row");
        }
        int columns = (int) rows.get(0).rows();
        int cell = side * ZOOM + GAP;
        BufferedImage img = new BufferedImage(LABEL_WIDTH + columns * cell, rows.size() * cell + GAP,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int r = 0; r < rows.size(); r++) {
            g.drawString(labels.get(r), 4, r * cell + GAP + cell / 2 + 4);
            INDArray row = rows.get(r);
            for (int c = 0; c < Math.min(columns, row.rows()); c++) {
                int x0 = LABEL_WIDTH + c * cell;
                int y0 = r * cell + GAP;
                for (int p = 0; p < side * side; p++) {
                    double v = Math.max(0, Math.min(1, row.getDouble(c, p)));
                    int gray = (int) Math.round(255 * v);
                    g.setColor(new Color(gray, gray, gray));
                    g.fillRect(x0 + (p % side) * ZOOM, y0 + (p / side) * ZOOM, ZOOM, ZOOM);
                }
            }
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }
}
