package org.precis.samples.report;

/** Mean and spread of small samples (over seeds). */
public final class Stats {

    private Stats() {
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

    /** Sample standard deviation (n - 1 in the denominator); 0 for fewer than two values. */
    public static double sampleSd(double[] xs) {
        if (xs.length < 2) {
            return 0;
        }
        double m = mean(xs);
        double ss = 0;
        for (double x : xs) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (xs.length - 1));
    }
}
