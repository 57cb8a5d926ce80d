package org.precis.samples.autoencode;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.precis.data.TrainTestData;
import org.precis.data.fashion.FashionMnist;
import org.precis.data.sprites.SpriteGrid;
import org.precis.eval.LinearProbe;
import org.precis.eval.Tsne;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.PrecisionForm;
import org.precis.samples.cli.DataOptions;
import org.precis.samples.cli.ExperimentOptions;
import org.precis.samples.cli.OptionChecks;
import org.precis.samples.report.HtmlPage;
import org.precis.samples.report.ResultsWriter;
import org.precis.samples.verdict.AutoencodeClaims;
import org.precis.samples.verdict.ClaimVerdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code autoencode}: the generative PC layer against DL4J's {@code VariationalAutoencoder} and a stacked DL4J
 * {@code AutoEncoder} of the same level sizes, trained in one run on Fashion-MNIST (or the fixture). Writes
 * {@code results.json} (per model: per-level {@code probeAccuracy}, {@code reconstructionMse}, {@code mig}, and
 * {@code secondsPerEpoch}), a reconstructions grid, PCA (and with {@code --tsne} t-SNE) pictures per model and
 * level, traversals of top-level latents and {@code index.html}. Common options: {@code --data}, {@code --data-dir}, {@code --train-limit},
 * {@code --epochs} (default 10), {@code --batch} (default 128), {@code --seeds} (one seed, default 1),
 * {@code --out}; {@code --hidden} does not apply (use {@code --latent}). {@code results.json} is rewritten
 * (atomically) after every model, with {@code "complete": false} until the last one is done, so that a run stopped
 * late keeps the models it finished. With {@code --combine DIR,...} it trains
 * nothing and puts earlier runs of one experiment with different seeds together (seeds run in parallel, one
 * process each, then combined, give the same summary and verdicts as one run over all seeds).
 */
@Command(name = "autoencode", mixinStandardHelpOptions = true,
        description = "Generative PC vs DL4J VariationalAutoencoder vs stacked AutoEncoder: reconstructions, "
                + "per-level linear probes and PCA pictures, latent traversals, MIG on sprites.")
public final class AutoencodeCommand implements Callable<Integer> {

    /** Default level sizes, bottom first. */
    public static final String DEFAULT_LATENT = "256,64,16";
    /** Default models, in order. */
    public static final String DEFAULT_MODELS = "pc,vae,autoencoder";
    /** Default Adam learning rate of every model. */
    public static final String DEFAULT_LEARNING_RATE = "1e-3";
    /**
     * Default lower bound on PC variances of the gradient estimator: with the state rate 0.1 and no step bound, a
     * precision above 1 / 0.1 made relaxation overshoot, and Fashion-MNIST's always-black border pixels push their
     * precision there.
     */
    public static final String DEFAULT_PC_VARIANCE_FLOOR = "0.1";
    /** Default test points in each t-SNE picture. */
    public static final String DEFAULT_TSNE_POINTS = "2000";
    /** Default sprite images to train on. */
    public static final String DEFAULT_SPRITE_IMAGES = "10000";

    /** Reads the results of the runs being combined. */
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions dataOptions;

    @Mixin
    private ExperimentOptions experiment;

    @Option(names = "--latent", paramLabel = "SIZES", split = ",", defaultValue = DEFAULT_LATENT,
            description = "Level sizes 1..L, bottom first, at least two levels; the same for every model "
                    + "(default: ${DEFAULT-VALUE}).")
    private int[] latent;

    @Option(names = "--models", paramLabel = "NAMES", split = ",", defaultValue = DEFAULT_MODELS,
            description = "Models to train: pc, pc-amortised, vae, autoencoder (default: ${DEFAULT-VALUE}).")
    private List<String> models;

    @Option(names = "--learning-rate", paramLabel = "RATE", defaultValue = DEFAULT_LEARNING_RATE,
            description = "Adam learning rate of every model (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--pc-steps", paramLabel = "T", defaultValue = "" + GenerativePcLayer.DEFAULT_RELAXATION_STEPS,
            description = "PC relaxation steps per batch, in training and inference (default: ${DEFAULT-VALUE}).")
    private int pcSteps;

    @Option(names = "--pc-state-rate", paramLabel = "RATE", defaultValue = "" + GenerativePcLayer.DEFAULT_STATE_RATE,
            description = "PC state rate of relaxation (default: ${DEFAULT-VALUE}).")
    private double pcStateRate;

    @Option(names = "--pc-step-bound", paramLabel = "C", defaultValue = "" + GenerativePcLayer.DEFAULT_STEP_BOUND,
            description = "Bound c of each PC level's relaxation step, min(rate, c / curvature); 0 for none "
                    + "(default: ${DEFAULT-VALUE}).")
    private double pcStepBound;

    @Option(names = "--pc-tolerance", paramLabel = "TOL", defaultValue = "" + GenerativePcLayer.DEFAULT_TOLERANCE,
            description = "PC early-stop tolerance on the relative energy decrease; 0 relaxes every batch T steps "
                    + "(default: ${DEFAULT-VALUE}).")
    private double pcTolerance;

    @Option(names = "--pc-data-precision", paramLabel = "FORM", defaultValue = "SCALAR",
            description = "PC precision of the pixels: NONE, SCALAR, DIAGONAL, FULL (default: ${DEFAULT-VALUE}).")
    private PrecisionForm pcDataPrecision;

    @Option(names = "--pc-latent-precision", paramLabel = "FORM", defaultValue = "NONE",
            description = "PC precision of every latent level (default: ${DEFAULT-VALUE}).")
    private PrecisionForm pcLatentPrecision;

    @Option(names = "--pc-precision-estimator", paramLabel = "E", defaultValue = "RUNNING_MOMENTS",
            description = "How PC precisions are learned: RUNNING_MOMENTS or GRADIENT (default: ${DEFAULT-VALUE}).")
    private PrecisionEstimator pcEstimator;

    @Option(names = "--pc-precision-damping", paramLabel = "LAMBDA",
            defaultValue = "" + GenerativePcLayer.DEFAULT_PRECISION_DAMPING,
            description = "Damping of the running-moment precisions, at most 1/LAMBDA (default: ${DEFAULT-VALUE}).")
    private double pcDamping;

    @Option(names = "--pc-variance-floor", paramLabel = "V", defaultValue = DEFAULT_PC_VARIANCE_FLOOR,
            description = "Lower bound on PC variances of the gradient estimator (default: ${DEFAULT-VALUE}).")
    private double pcVarianceFloor;

    @Option(names = "--probe-every", paramLabel = "N", defaultValue = "0",
            description = "Also probe every level after every N training epochs, to follow the embeddings during "
                    + "training (default: ${DEFAULT-VALUE}, none).")
    private int probeEvery;

    @Option(names = "--probe-epochs", paramLabel = "N", defaultValue = "" + LinearProbe.DEFAULT_EPOCHS,
            description = "Epochs of each linear probe (default: ${DEFAULT-VALUE}).")
    private int probeEpochs;

    @Option(names = "--plot-points", paramLabel = "N", defaultValue = "2000",
            description = "Test points in each PCA picture (default: ${DEFAULT-VALUE}).")
    private int plotPoints;

    @Option(names = "--tsne", description = "Also draw a t-SNE picture per model and level (DL4J BarnesHutTsne, "
            + "seeded; about 10-15 s per picture of 500 points on one core, more with --tsne-points) "
            + "(default: off).")
    private boolean tsne;

    @Option(names = "--tsne-points", paramLabel = "N", defaultValue = DEFAULT_TSNE_POINTS,
            description = "Test points (the first ones) in each t-SNE picture, with --tsne (default: ${DEFAULT-VALUE}).")
    private int tsnePoints;

    @Option(names = "--traversal-latents", paramLabel = "N", defaultValue = "6",
            description = "Top-level units traversed per model, those of largest variance (default: "
                    + "${DEFAULT-VALUE}, at most the top size).")
    private int traversalLatents;

    @Option(names = "--sprite-images", paramLabel = "N", defaultValue = DEFAULT_SPRITE_IMAGES,
            description = "Sprite images (seeded sample of the default sprite grid) each model trains on for MIG "
                    + "(default: ${DEFAULT-VALUE}).")
    private int spriteImages;

    @Option(names = "--sprite-epochs", paramLabel = "N",
            description = "Training epochs on the sprites (default: the value of --epochs).")
    private Integer spriteEpochs;

    @Option(names = "--combine", paramLabel = "DIRS", split = ",",
            description = "Train nothing: put the results of earlier autoencode runs of one experiment with "
                    + "different seeds (each DIR holds its results.json; every option but --seeds the same) together "
                    + "in --out, with their summary and verdicts over all seeds; pictures are the first run's.")
    private List<Path> combine;

    @Option(names = "--skip-sprites", description = "Do not train on sprites; MIG is then null.")
    private boolean skipSprites;

    @Override
    public Integer call() throws IOException {
        dataOptions.validate();
        experiment.validate();
        validate();
        Path outDir = experiment.prepareOutputDirectory(spec.name());
        if (combine != null) {
            return combineRuns(outDir);
        }
        List<Long> seeds = experiment.seeds(List.of(1L));
        List<ModelKind> kinds = models.stream().map(ModelKind::byName).toList();
        PcModelSettings pc = new PcModelSettings(pcSteps, pcStateRate, pcStepBound, pcTolerance, pcDataPrecision,
                pcLatentPrecision, pcEstimator, pcDamping, pcVarianceFloor);
        Files.createDirectories(outDir);
        SeedRuns seedRuns = SeedRuns.starting();
        List<String> pictures = List.of();
        TrainTestData data = null;
        AutoencodeSettings settings = null;
        for (long seed : seeds) {
            data = dataOptions.load(seed);
            settings = new AutoencodeSettings(kinds,
                    new ModelSettings(data.numFeatures(), latent, learningRate, seed, pc),
                    experiment.epochs(), experiment.batch(), probeEpochs, plotPoints, traversalLatents,
                    skipSprites ? 0 : spriteImages, spriteEpochs != null ? spriteEpochs : experiment.epochs(),
                    tsne ? tsnePoints : 0, probeEvery, seed == seeds.get(0));
            AutoencodeExperiment run = new AutoencodeExperiment(settings, data, FashionMnist.CLASS_NAMES, outDir);
            Map<String, Object> configuration = configuration(data, settings, seeds);
            List<ModelReport> finished = new ArrayList<>();
            List<ModelReport> seedReports = run.run(report -> {
                finished.add(report);
                Map<String, Object> entries = new LinkedHashMap<>();
                entries.put("complete", false);
                entries.put("runs", seedRuns.withSeedInProgress(seed, run.pixelProbeAccuracy(), run.meanImageMse(),
                        finished));
                ResultsWriter.writeJson(outDir, spec.name(), configuration, entries);
            });
            if (seed == seeds.get(0)) {
                pictures = run.pictures();
            }
            seedRuns.add(seed, run.pixelProbeAccuracy(), run.meanImageMse(), seedReports);
        }
        seedRuns.configuration().putAll(configuration(data, settings, seeds));
        report(outDir, seedRuns, pictures);
        return 0;
    }

    /** {@code --combine}: the results of earlier runs of one experiment with different seeds, put together. */
    private Integer combineRuns(Path outDir) throws IOException {
        SeedRuns seedRuns;
        try {
            seedRuns = SeedRuns.combine(combine, JSON);
        } catch (IllegalArgumentException e) {
            throw OptionChecks.invalid(spec, "--combine", combine, e.getMessage());
        }
        Files.createDirectories(outDir);
        List<String> pictures = new ArrayList<>();
        for (String picture : seedRuns.pictures()) {
            Path source = combine.get(0).resolve(picture);
            if (Files.isRegularFile(source)) {
                Files.copy(source, outDir.resolve(picture));
                pictures.add(picture);
            }
        }
        report(outDir, seedRuns, pictures);
        return 0;
    }

    /** Summary, verdicts, {@code results.json}, {@code index.html} and the text table of every seed's figures. */
    private void report(Path outDir, SeedRuns seedRuns, List<String> pictures) throws IOException {
        List<Long> seeds = seedRuns.seeds();
        AutoencodeSummary summary = AutoencodeSummary.of(seedRuns.reports(), seedRuns.meanImageMse());
        List<ClaimVerdict> verdicts = new ArrayList<>();
        for (String judged : List.of(AutoencodeClaims.PC, ModelKind.PC_AMORTISED.optionName())) {
            if (summary.model(judged) != null) {
                verdicts.addAll(AutoencodeClaims.judge(summary, judged));
            }
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("complete", true);
        entries.put("summary", summary);
        entries.put("verdicts", verdicts);
        entries.put("runs", seedRuns.runs());
        entries.put("pictures", pictures);
        ResultsWriter.writeJson(outDir, spec.name(), seedRuns.configuration(), entries);
        List<List<String>> table = SummaryRows.of(summary);
        String reference = String.format(Locale.ROOT, "Mean-image reconstruction MSE: %.4f; linear probe on the raw "
                + "pixels (seed %d): %s", summary.meanImageMse().mean(), seeds.get(0),
                seedRuns.runs().get(0).get("pixelProbeAccuracy"));
        HtmlPage page = new HtmlPage("Precis autoencode: " + seedRuns.configuration().get("dataName"))
                .paragraph(reference)
                .paragraph(seeds.size() + " seed(s); figures are mean ± standard deviation over seeds; pictures are "
                        + "of seed " + seeds.get(0) + ".")
                .table(SummaryRows.HEADERS, table);
        page.heading("Claims");
        for (ClaimVerdict v : verdicts) {
            page.paragraph(v.claim() + ": " + v.verdict().text() + ". " + v.statement() + ". " + v.evidence());
        }
        for (String picture : pictures) {
            page.image(picture, picture);
        }
        page.heading("Configuration").keyValues(seedRuns.configuration())
                .links("Raw figures:", List.of(ResultsWriter.RESULTS_JSON)).write(outDir.resolve("index.html"));
        System.out.println(reference);
        System.out.println(SummaryRows.text(table));
        for (ClaimVerdict v : verdicts) {
            System.out.println(v.claim() + ": " + v.verdict().text() + " (" + v.evidence() + ")");
        }
        System.out.println("Results written to " + outDir.toAbsolutePath());
    }

    private Map<String, Object> configuration(TrainTestData data, AutoencodeSettings settings, List<Long> seeds) {
        Map<String, Object> c = new LinkedHashMap<>(dataOptions.describe());
        c.put("dataName", data.name());
        c.put("trainExamples", data.train().numExamples());
        c.put("testExamples", data.test().numExamples());
        c.put("models", models);
        c.put("latent", latent);
        c.put("epochs", settings.epochs());
        c.put("batch", settings.batch());
        c.put("seeds", seeds);
        c.put("learningRate", learningRate);
        c.put("pc", settings.model().pc());
        c.put("probeEvery", probeEvery);
        c.put("probe", "softmax regression on standardised embeddings, Adam(" + LinearProbe.LEARNING_RATE
                + "), batch " + LinearProbe.BATCH + ", " + probeEpochs + " epochs");
        c.put("plotPoints", plotPoints);
        int tsneShown = Math.min(tsnePoints, data.test().numExamples());
        c.put("tsne", settings.withTsne() ? Map.of("points", tsneShown, "perplexity", Tsne.perplexity(tsneShown),
                "iterations", Tsne.ITERATIONS, "learningRate", Tsne.learningRate(tsneShown), "repulsion", "exact")
                : "off");
        c.put("traversalLatents", traversalLatents);
        c.put("sprites", settings.withSprites() ? Map.of("images", settings.spriteImages(), "epochs",
                settings.spriteEpochs(), "grid", SpriteGrid.defaults().toString(), "migImages",
                SpriteMig.EVALUATION_IMAGES) : "skipped");
        return c;
    }

    private void validate() {
        if (spec.commandLine().getParseResult().hasMatchedOption("--hidden")) {
            throw OptionChecks.invalid(spec, "--hidden", Arrays.toString(experiment.hidden()),
                    "autoencode takes its level sizes from --latent");
        }
        if (dataOptions.describe().get("data").toString().startsWith(DataOptions.CSV_PREFIX)) {
            throw OptionChecks.invalid(spec, "--data", dataOptions.describe().get("data"),
                    "autoencode needs images: fashion-mnist or fixture");
        }
        if (latent.length < 2 || Arrays.stream(latent).anyMatch(s -> s <= 0)) {
            throw OptionChecks.invalid(spec, "--latent", Arrays.toString(latent),
                    "needs at least two positive level sizes");
        }
        List<String> seen = new ArrayList<>();
        for (String m : models) {
            if (ModelKind.byName(m) == null) {
                throw OptionChecks.invalid(spec, "--models", m, "valid: pc, pc-amortised, vae, autoencoder");
            }
            if (seen.contains(m)) {
                throw OptionChecks.invalid(spec, "--models", m, "named twice");
            }
            seen.add(m);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw OptionChecks.invalid(spec, "--learning-rate", learningRate, "must be a finite number > 0");
        }
        if (pcSteps < 1) {
            throw OptionChecks.invalid(spec, "--pc-steps", pcSteps, "must be at least 1");
        }
        if (!(pcStateRate > 0) || Double.isInfinite(pcStateRate)) {
            throw OptionChecks.invalid(spec, "--pc-state-rate", pcStateRate, "must be a finite number > 0");
        }
        if (!(pcVarianceFloor > 0) || pcVarianceFloor > 1) {
            throw OptionChecks.invalid(spec, "--pc-variance-floor", pcVarianceFloor,
                    "must lie in (0, 1]: the initial variance is 1");
        }
        if (!(pcStepBound >= 0) || pcStepBound >= 1) {
            throw OptionChecks.invalid(spec, "--pc-step-bound", pcStepBound, "must lie in [0, 1)");
        }
        if (!(pcTolerance >= 0) || Double.isInfinite(pcTolerance)) {
            throw OptionChecks.invalid(spec, "--pc-tolerance", pcTolerance, "must be a finite number >= 0");
        }
        if (!(pcDamping > 0) || pcDamping >= 1) {
            throw OptionChecks.invalid(spec, "--pc-precision-damping", pcDamping, "must lie in (0, 1)");
        }
        if (probeEvery < 0) {
            throw OptionChecks.invalid(spec, "--probe-every", probeEvery, "must be at least 0");
        }
        if (probeEpochs < 1) {
            throw OptionChecks.invalid(spec, "--probe-epochs", probeEpochs, "must be at least 1");
        }
        if (plotPoints < 2) {
            throw OptionChecks.invalid(spec, "--plot-points", plotPoints, "must be at least 2");
        }
        if (tsnePoints < 2) {
            throw OptionChecks.invalid(spec, "--tsne-points", tsnePoints, "must be at least 2");
        }
        if (traversalLatents < 1 || traversalLatents > latent[latent.length - 1]) {
            throw OptionChecks.invalid(spec, "--traversal-latents", traversalLatents,
                    "must lie in [1, " + latent[latent.length - 1] + "], the top level's size");
        }
        if (spriteImages < 1) {
            throw OptionChecks.invalid(spec, "--sprite-images", spriteImages, "must be at least 1");
        }
        if (spriteEpochs != null && spriteEpochs < 1) {
            throw OptionChecks.invalid(spec, "--sprite-epochs", spriteEpochs, "must be at least 1");
        }
    }
}
