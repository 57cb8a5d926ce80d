package org.precis.samples.experiment;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of a long experiment: which run, epoch and batch, the latest loss, and the time left for the whole
 * experiment, estimated from the batches done so far. On a terminal one line is redrawn at most every
 * {@link #MIN_INTERVAL_NANOS}; into a file or pipe one line is written per epoch. Each run ends with its result.
 */
public final class Progress {

    /** Shortest time between two redraws (half a second). */
    public static final long MIN_INTERVAL_NANOS = 500_000_000L;

    private final PrintStream out;
    private final boolean interactive;
    private final long totalBatches;
    private final long start = System.nanoTime();
    private long batchesDone;
    private long lastDraw;
    private String run = "";

    /**
     * @param out          where to draw (normally {@code System.err}, so that stdout holds only results)
     * @param totalBatches training batches of the whole experiment, for the time estimate
     */
    public Progress(PrintStream out, long totalBatches) {
        this(out, totalBatches, System.console() != null);
    }

    /**
     * @param out          where to draw
     * @param totalBatches training batches of the whole experiment
     * @param interactive  true to redraw one line in place; false (output to a file or pipe) for one line per epoch
     */
    public Progress(PrintStream out, long totalBatches, boolean interactive) {
        this.out = out;
        this.totalBatches = Math.max(1, totalBatches);
        this.interactive = interactive;
    }

    /** Starts a new run (arm and seed). */
    public void startRun(String runLabel) {
        this.run = runLabel;
    }

    /** Records one finished training batch. */
    public void batchDone(int epoch, int epochs, int batch, int batchesPerEpoch, double loss) {
        batchesDone++;
        long now = System.nanoTime();
        boolean epochEnd = batch >= batchesPerEpoch;
        if (interactive ? now - lastDraw < MIN_INTERVAL_NANOS && !epochEnd : !epochEnd) {
            return;
        }
        lastDraw = now;
        double elapsed = (now - start) / 1e9;
        long left = Math.round(elapsed / batchesDone * (totalBatches - batchesDone));
        out.printf(Locale.ROOT, "%s%s | epoch %d/%d | batch %d/%d | loss %.4f | %s left%s", interactive ? "\r" : "",
                run, epoch, epochs, batch, batchesPerEpoch, loss, format(Duration.ofSeconds(left)),
                interactive ? "   " : System.lineSeparator());
        out.flush();
    }

    /** Ends a run's line with its final figure. */
    public void endRun(String summary) {
        out.printf(Locale.ROOT, "%s%s | %s%n", interactive ? "\r" : "", run, summary);
        out.flush();
    }

    private static String format(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
