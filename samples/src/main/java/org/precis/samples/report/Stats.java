package org.precis.samples.report;

/** Mean and spread of small samples (over seeds), and how reports print them. */
public final class Stats {

    /** How reports print a spread that is unknown (one seed). */
    public static final String UNKNOWN = "n/a";

    private Stats() {
    }

    /** {@code x} with four decimals, or {@value #UNKNOWN} when it is NaN (a spread over one seed). */
    public static String format4(double x) {
        return Double.isNaN(x) ? UNKNOWN : String.format(java.util.Locale.ROOT, "%.4f", x);
    }

    /** Arithmetic mean; NaN for no values. */
    public static double mean(double[] xs) {
        if (xs.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return sum / xs.length;
    }

    /**
     * Sample standard deviation (n - 1 in the denominator); NaN for fewer than two values, whose spread is unknown
     * (not zero).
     */
    public static double sampleSd(double[] xs) {
        if (xs.length < 2) {
            return Double.NaN;
        }
        double m = mean(xs);
        double ss = 0;
        for (double x : xs) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (xs.length - 1));
    }
}
