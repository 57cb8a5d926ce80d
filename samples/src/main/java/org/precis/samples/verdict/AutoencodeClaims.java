package org.precis.samples.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.precis.samples.autoencode.AutoencodeSummary.LevelSummary;
import org.precis.samples.autoencode.AutoencodeSummary.ModelSummary;
import org.precis.samples.autoencode.AutoencodeSummary.Stat;
import org.precis.samples.autoencode.AutoencodeSummary;

/**
 * The founding paper's unsupervised claims, judged from an {@code autoencode} summary the way {@link PaperClaims}
 * judges the supervised ones: a difference beyond twice its standard error over seeds (and beyond a small margin)
 * decides, a smaller one is "within the seed spread".
 * <ul>
 *   <li>{@value #HIERARCHY}: the generative PC model's levels form a hierarchy that keeps the data's information:
 *       at every level its linear probe is at most {@value #PROBE_MARGIN} below the VAE's at the same level, and its
 *       reconstruction from every level is better than predicting the mean image;</li>
 *   <li>{@value #DISENTANGLEMENT}: its most disentangled level has a MIG on sprites at least the VAE's most
 *       disentangled level's.</li>
 * </ul>
 */
public final class AutoencodeClaims {

    /** Identifier of the hierarchy claim. */
    public static final String HIERARCHY = "pc-embeddings-form-a-hierarchy";
    /** Identifier of the disentanglement claim. */
    public static final String DISENTANGLEMENT = "pc-embeddings-are-disentangled";
    /** How far below the VAE's a PC level's probe may be and still count as keeping the information. */
    public static final double PROBE_MARGIN = 0.02;
    /** Smallest difference of MIG or accuracy that counts, whatever the spread. */
    public static final double MIN_MARGIN = 0.005;
    /** The model the claims are about. */
    public static final String PC = "pc";
    /** The reference model. */
    public static final String VAE = "vae";

    private AutoencodeClaims() {
    }

    /**
     * @param summary the run's summary
     * @param pcModel which PC model to judge ({@code pc} or {@code pc-amortised})
     * @return the two verdicts
     */
    public static List<ClaimVerdict> judge(AutoencodeSummary summary, String pcModel) {
        List<ClaimVerdict> out = new ArrayList<>();
        out.add(hierarchy(summary, pcModel));
        out.add(disentanglement(summary, pcModel));
        return out;
    }

    static ClaimVerdict hierarchy(AutoencodeSummary summary, String pcModel) {
        String statement = "Every level of " + pcModel + " keeps the class information of the VAE's level (probe at "
                + "most " + PROBE_MARGIN + " below) and reconstructs the data better than the mean image";
        ModelSummary pc = summary.model(pcModel);
        ModelSummary vae = summary.model(VAE);
        if (pc == null || vae == null || pc.levels().size() != vae.levels().size()) {
            return new ClaimVerdict(HIERARCHY, statement, Verdict.NOT_MEASURED, Double.NaN, Double.NaN,
                    "needs models " + pcModel + " and " + VAE + " with the same levels");
        }
        boolean contradicted = false;
        boolean undecided = false;
        double worst = Double.POSITIVE_INFINITY;
        double worstThreshold = Double.NaN;
        StringBuilder evidence = new StringBuilder();
        Stat meanImage = summary.meanImageMse();
        for (int i = 0; i < pc.levels().size(); i++) {
            LevelSummary a = pc.levels().get(i);
            LevelSummary b = vae.levels().get(i);
            double d = a.probeAccuracy().mean() - b.probeAccuracy().mean() + PROBE_MARGIN;
            double threshold = threshold(a.probeAccuracy(), b.probeAccuracy());
            contradicted |= d < -threshold;
            undecided |= Math.abs(d) <= threshold;
            if (d < worst) {
                worst = d;
                worstThreshold = threshold;
            }
            evidence.append(String.format(Locale.ROOT, "level %d: probe %.4f vs %.4f", a.level(),
                    a.probeAccuracy().mean(), b.probeAccuracy().mean()));
            if (a.reconstructionMse().measured() && meanImage.measured()) {
                double gap = meanImage.mean() - a.reconstructionMse().mean();
                double mseThreshold = threshold(a.reconstructionMse(), meanImage);
                contradicted |= gap < -mseThreshold;
                undecided |= gap >= -mseThreshold && gap <= mseThreshold;
                evidence.append(String.format(Locale.ROOT, ", reconstruction MSE %.4f (mean image %.4f)",
                        a.reconstructionMse().mean(), meanImage.mean()));
            }
            evidence.append("; ");
        }
        Verdict v = contradicted ? Verdict.DOES_NOT_HOLD : undecided ? Verdict.WITHIN_SEED_SPREAD : Verdict.HOLDS;
        return new ClaimVerdict(HIERARCHY, statement, v, worst - PROBE_MARGIN, worstThreshold,
                evidence.toString().trim());
    }

    static ClaimVerdict disentanglement(AutoencodeSummary summary, String pcModel) {
        String statement = "The most disentangled level of " + pcModel + " has a MIG on sprites at least that of the "
                + "VAE's most disentangled level";
        ModelSummary pc = summary.model(pcModel);
        ModelSummary vae = summary.model(VAE);
        LevelSummary a = pc == null ? null : best(pc);
        LevelSummary b = vae == null ? null : best(vae);
        if (a == null || b == null) {
            return new ClaimVerdict(DISENTANGLEMENT, statement, Verdict.NOT_MEASURED, Double.NaN, Double.NaN,
                    "needs models " + pcModel + " and " + VAE + " trained on sprites");
        }
        double d = a.mig().mean() - b.mig().mean();
        double threshold = threshold(a.mig(), b.mig());
        Verdict v = d > threshold ? Verdict.HOLDS : d < -threshold ? Verdict.DOES_NOT_HOLD
                : Verdict.WITHIN_SEED_SPREAD;
        return new ClaimVerdict(DISENTANGLEMENT, statement, v, d, threshold, String.format(Locale.ROOT,
                "%s level %d MIG %.4f (sd %.4f, n %d) vs %s level %d MIG %.4f (sd %.4f, n %d): difference %+.4f, "
                        + "spread threshold %.4f", pcModel, a.level(), a.mig().mean(), a.mig().sd(), a.mig().n(), VAE,
                b.level(), b.mig().mean(), b.mig().sd(), b.mig().n(), d, threshold));
    }

    private static LevelSummary best(ModelSummary model) {
        LevelSummary best = null;
        for (LevelSummary l : model.levels()) {
            if (l.mig().measured() && (best == null || l.mig().mean() > best.mig().mean())) {
                best = l;
            }
        }
        return best;
    }

    private static double threshold(Stat a, Stat b) {
        double se = Math.sqrt(a.sd() * a.sd() / Math.max(1, a.n()) + b.sd() * b.sd() / Math.max(1, b.n()));
        return Math.max(2 * se, MIN_MARGIN);
    }
}
