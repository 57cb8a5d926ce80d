package org.precis.samples.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.precis.samples.experiment.NoiseSetting;
import org.precis.samples.report.SettingSummary;
import org.precis.samples.report.SettingSummary.Row;
import org.precis.samples.report.Stats;

/**
 * Tests the founding paper's claims (Ofner et al. 2021) against a noise sweep's summary. Every verdict is computed
 * from the figures; nothing here knows what the answer "should" be.
 *
 * <p>Two groups of seeds differ <em>beyond their spread</em> when the difference of their means exceeds
 * {@code max(2 * se, MIN_ACCURACY_MARGIN)}, with {@code se = sqrt(sdA^2/nA + sdB^2/nB)} (about a 95% band). A claim
 * whose groups have fewer than {@link #MIN_SEEDS} seeds is {@link Verdict#UNDECIDED}: with one seed the spread is
 * unknown, not zero, and a difference of means alone decides nothing.
 */
public final class PaperClaims {

    /** Smallest accuracy difference that counts at all: about 1.5 binomial standard errors on 10,000 test images. */
    public static final double MIN_ACCURACY_MARGIN = 0.005;

    /** Accuracy difference within which two arms are "comparable" outright (one percentage point). */
    public static final double COMPARABLE_MARGIN = 0.01;

    /** Smallest relative fall of a learned precision that counts (5% of its clean value). */
    public static final double MIN_RELATIVE_PRECISION_FALL = 0.05;

    /** Seeds each compared group needs before its difference is judged against the spread over seeds. */
    public static final int MIN_SEEDS = 2;

    /** The PC arm whose claims are tested. */
    public static final String PC_PRECISION = "pc-precision";
    /** The natural-gradient baseline. */
    public static final String KFAC = "kfac";
    /** The plain gradient-descent baseline. */
    public static final String SGD = "bp-sgd";
    /** The diagnostic holding the learned output precision of a PC network. */
    public static final String OUTPUT_PRECISION = "outputPrecision";

    private PaperClaims() {
    }

    /**
     * Verdicts for all claims.
     *
     * @param summary        the sweep's figures
     * @param maxInputNoise  the strongest input noise of the sweep
     * @param maxLabelNoise  the strongest label noise of the sweep
     */
    public static List<ClaimVerdict> judge(SettingSummary summary, double maxInputNoise, double maxLabelNoise) {
        List<ClaimVerdict> verdicts = new ArrayList<>();
        verdicts.add(comparable("clean-comparable-to-kfac",
                "On clean data, PC with learnable precision is about as accurate as backpropagation with K-FAC",
                summary, PC_PRECISION, KFAC, NoiseSetting.CLEAN));
        String inputClaim = String.format(Locale.ROOT, "Under the strongest input noise (sigma %.2f), PC with "
                + "learnable precision is more accurate than backpropagation with SGD", maxInputNoise);
        verdicts.add(maxInputNoise > 0
                ? beats("input-noise-beats-sgd", inputClaim, summary, PC_PRECISION, SGD,
                        new NoiseSetting(0, maxInputNoise))
                : withoutNoise("input-noise-beats-sgd", inputClaim, "input"));
        String labelClaim = String.format(Locale.ROOT, "Under the strongest label noise (p %.2f), PC with learnable "
                + "precision is more accurate than backpropagation with SGD", maxLabelNoise);
        verdicts.add(maxLabelNoise > 0
                ? beats("label-noise-beats-sgd", labelClaim, summary, PC_PRECISION, SGD,
                        new NoiseSetting(maxLabelNoise, 0))
                : withoutNoise("label-noise-beats-sgd", labelClaim, "label"));
        verdicts.add(maxLabelNoise > 0 ? precisionFalls(summary, maxLabelNoise)
                : withoutNoise("output-precision-falls-with-label-noise", "The learned output precision of PC is "
                        + "lower under label noise than on clean labels", "label"));
        return verdicts;
    }

    /** A noise claim of a sweep without that kind of noise: judging it on clean data would say nothing. */
    private static ClaimVerdict withoutNoise(String id, String statement, String kind) {
        return new ClaimVerdict(id, statement, Verdict.NOT_MEASURED, Double.NaN, Double.NaN,
                "the sweep has no " + kind + " noise above 0");
    }

    static ClaimVerdict beats(String id, String statement, SettingSummary summary, String better, String worse,
            NoiseSetting setting) {
        Optional<Row> a = summary.find(better, setting);
        Optional<Row> b = summary.find(worse, setting);
        if (a.isEmpty() || b.isEmpty()) {
            return notMeasured(id, statement, better, worse, setting);
        }
        double d = a.get().meanAccuracy() - b.get().meanAccuracy();
        if (tooFewSeeds(a.get(), b.get())) {
            return undecided(id, statement, d, evidence(a.get(), b.get(), d, Double.NaN));
        }
        double threshold = threshold(a.get(), b.get());
        Verdict v = d > threshold ? Verdict.HOLDS : d < -threshold ? Verdict.DOES_NOT_HOLD : Verdict.WITHIN_SEED_SPREAD;
        return new ClaimVerdict(id, statement, v, d, threshold, evidence(a.get(), b.get(), d, threshold));
    }

    static ClaimVerdict comparable(String id, String statement, SettingSummary summary, String arm, String reference,
            NoiseSetting setting) {
        Optional<Row> a = summary.find(arm, setting);
        Optional<Row> b = summary.find(reference, setting);
        if (a.isEmpty() || b.isEmpty()) {
            return notMeasured(id, statement, arm, reference, setting);
        }
        double d = a.get().meanAccuracy() - b.get().meanAccuracy();
        if (tooFewSeeds(a.get(), b.get())) {
            return undecided(id, statement, d, evidence(a.get(), b.get(), d, Double.NaN));
        }
        double threshold = threshold(a.get(), b.get());
        Verdict v;
        if (Math.abs(d) <= COMPARABLE_MARGIN || d > threshold) {
            v = Verdict.HOLDS;
        } else if (Math.abs(d) <= threshold) {
            v = Verdict.WITHIN_SEED_SPREAD;
        } else {
            v = Verdict.DOES_NOT_HOLD;
        }
        return new ClaimVerdict(id, statement, v, d, Math.max(COMPARABLE_MARGIN, threshold),
                evidence(a.get(), b.get(), d, threshold));
    }

    static ClaimVerdict precisionFalls(SettingSummary summary, double maxLabelNoise) {
        String id = "output-precision-falls-with-label-noise";
        String statement = String.format(Locale.ROOT, "The learned output precision of PC is lower under label noise "
                + "p %.2f than on clean labels", maxLabelNoise);
        Optional<Row> clean = summary.find(PC_PRECISION, NoiseSetting.CLEAN);
        Optional<Row> noisy = summary.find(PC_PRECISION, new NoiseSetting(maxLabelNoise, 0));
        if (clean.isEmpty() || noisy.isEmpty() || !clean.get().diagnostics().containsKey(OUTPUT_PRECISION)
                || !noisy.get().diagnostics().containsKey(OUTPUT_PRECISION)) {
            return new ClaimVerdict(id, statement, Verdict.NOT_MEASURED, Double.NaN, Double.NaN,
                    PC_PRECISION + " with an " + OUTPUT_PRECISION + " diagnostic was not run at label noise 0 and "
                            + maxLabelNoise);
        }
        double x0 = clean.get().diagnostics().get(OUTPUT_PRECISION);
        double x1 = noisy.get().diagnostics().get(OUTPUT_PRECISION);
        if (tooFewSeeds(clean.get(), noisy.get())) {
            return undecided(id, statement, x0 - x1, String.format(Locale.ROOT, "output precision %.4g (clean) vs "
                    + "%.4g (p %.2f), fall %.4g", x0, x1, maxLabelNoise, x0 - x1));
        }
        double s0 = clean.get().sdDiagnostics().get(OUTPUT_PRECISION);
        double s1 = noisy.get().sdDiagnostics().get(OUTPUT_PRECISION);
        double se = Math.sqrt(s0 * s0 / clean.get().runs() + s1 * s1 / noisy.get().runs());
        double threshold = Math.max(2 * se, MIN_RELATIVE_PRECISION_FALL * Math.abs(x0));
        double fall = x0 - x1;
        Verdict v = fall > threshold ? Verdict.HOLDS : fall < -threshold ? Verdict.DOES_NOT_HOLD
                : Verdict.WITHIN_SEED_SPREAD;
        return new ClaimVerdict(id, statement, v, fall, threshold, String.format(Locale.ROOT,
                "output precision %.4g (clean) vs %.4g (p %.2f), fall %.4g, threshold %.4g", x0, x1, maxLabelNoise,
                fall, threshold));
    }

    private static boolean tooFewSeeds(Row a, Row b) {
        return a.runs() < MIN_SEEDS || b.runs() < MIN_SEEDS;
    }

    private static ClaimVerdict undecided(String id, String statement, double difference, String figures) {
        return new ClaimVerdict(id, statement, Verdict.UNDECIDED, difference, Double.NaN, figures + "; one seed: "
                + "the spread over seeds is unknown, so the difference is not judged (run several seeds, e.g. "
                + "--seeds 1,2,3)");
    }

    private static double threshold(Row a, Row b) {
        double se = Math.sqrt(a.sdAccuracy() * a.sdAccuracy() / a.runs() + b.sdAccuracy() * b.sdAccuracy() / b.runs());
        return Math.max(2 * se, MIN_ACCURACY_MARGIN);
    }

    private static String evidence(Row a, Row b, double d, double threshold) {
        String figures = String.format(Locale.ROOT, "%s %.4f (sd %s, n %d) vs %s %.4f (sd %s, n %d): difference %+.4f",
                a.arm(), a.meanAccuracy(), Stats.format4(a.sdAccuracy()), a.runs(), b.arm(), b.meanAccuracy(),
                Stats.format4(b.sdAccuracy()), b.runs(), d);
        return Double.isNaN(threshold) ? figures
                : figures + String.format(Locale.ROOT, ", spread threshold %.4f", threshold);
    }

    private static ClaimVerdict notMeasured(String id, String statement, String a, String b, NoiseSetting s) {
        return new ClaimVerdict(id, statement, Verdict.NOT_MEASURED, Double.NaN, Double.NaN, String.format(
                Locale.ROOT, "needs arms %s and %s at label noise %.2f, input noise %.2f", a, b, s.labelNoise(),
                s.inputNoise()));
    }
}
