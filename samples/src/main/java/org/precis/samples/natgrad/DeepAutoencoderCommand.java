package org.precis.samples.natgrad;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.precis.data.TrainTestData;
import org.precis.natgrad.KFacTraining;
import org.precis.natgrad.config.FisherType;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.listener.KFacStatisticsListener;
import org.precis.samples.cli.DataOptions;
import org.precis.samples.cli.ExperimentOptions;
import org.precis.samples.cli.OptionChecks;
import org.precis.samples.report.HtmlPage;
import org.precis.samples.report.ResultsWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code deep-autoencoder}: the K-FAC benchmark of Martens and Grosse (2015) on Fashion-MNIST. Trains the deep
 * auto-encoder ({@link DeepAutoencoder}) with each optimizer from the same initial weights and data order, and
 * records the training reconstruction error against iterations and against seconds.
 */
@Command(name = "deep-autoencoder", mixinStandardHelpOptions = true,
        description = "Deep auto-encoder (784-1000-500-250-30 and mirror) trained with K-FAC (fixed or adaptive), SGD "
                + "with momentum and Adam, interleaved one iteration each: training reconstruction error against "
                + "iterations and seconds, and K-FAC's damping, learning rate, momentum and reduction ratio per "
                + "iteration.")
public final class DeepAutoencoderCommand implements Callable<Integer> {

    /** Learning rate of {@code sgd-momentum} (Nesterov momentum {@value #SGD_MOMENTUM}). */
    public static final double SGD_LEARNING_RATE = 0.1;
    /** Momentum of {@code sgd-momentum}. */
    public static final double SGD_MOMENTUM = 0.9;
    /** Learning rate of {@code adam}. */
    public static final double ADAM_LEARNING_RATE = 1e-3;

    /** File name of the error-against-iterations plot. */
    static final String ITERATIONS_PNG = "error-vs-iterations.png";
    /** File name of the error-against-seconds plot. */
    static final String SECONDS_PNG = "error-vs-seconds.png";
    /** Name of the adaptive K-FAC optimizer. */
    public static final String KFAC_ADAPTIVE = "kfac-adaptive";

    /** File name of the curves CSV. */
    static final String CURVES_CSV = "curves.csv";

    private static final Map<String, Supplier<IUpdater>> OPTIMIZERS = new LinkedHashMap<>();

    static {
        OPTIMIZERS.put("kfac", KFac::new); // replaced by the --kfac-* options in call()
        // KFac's adaptive defaults; only the Fisher type and the periods follow --kfac-fisher and --kfac-periods.
        OPTIMIZERS.put(KFAC_ADAPTIVE, () -> KFac.builder().adaptive(true).build());
        OPTIMIZERS.put("sgd-momentum", () -> new Nesterovs(SGD_LEARNING_RATE, SGD_MOMENTUM));
        OPTIMIZERS.put("adam", () -> new Adam(ADAM_LEARNING_RATE));
    }

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions dataOptions;

    @Option(names = "--optimizers", paramLabel = "NAMES", split = ",",
            defaultValue = "kfac,kfac-adaptive,sgd-momentum,adam",
            description = "Optimizers to compare, trained interleaved (default: ${DEFAULT-VALUE}); kfac-adaptive is "
                    + "KFac's adaptive mode with its defaults.")
    private List<String> optimizers;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "1000", description = "Training iterations (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "256", description = "Batch size (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--evaluate-every", paramLabel = "N", defaultValue = "50",
            description = "Iterations between measurements of the training error (default: ${DEFAULT-VALUE}).")
    private int evaluateEvery;

    @Option(names = "--evaluation-images", paramLabel = "N", defaultValue = "10000",
            description = "How many training images measure the training error (default: ${DEFAULT-VALUE}).")
    private int evaluationImages;

    @Option(names = "--encoder", paramLabel = "SIZES", split = ",", defaultValue = "1000,500,250,30",
            description = "Encoder sizes, the last one the linear code (default: ${DEFAULT-VALUE}).")
    private int[] encoder;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed of weights and data order (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: results/deep-autoencoder-<timestamp>).")
    private Path out;

    @Option(names = "--kfac-learning-rate", paramLabel = "LR",
            description = "Learning rate of kfac (default: KFac's, " + KFac.DEFAULT_LEARNING_RATE + ").")
    private double kfacLearningRate = KFac.DEFAULT_LEARNING_RATE;

    @Option(names = "--kfac-momentum", paramLabel = "M",
            description = "Momentum of kfac (default: KFac's, " + KFac.DEFAULT_MOMENTUM + ").")
    private double kfacMomentum = KFac.DEFAULT_MOMENTUM;

    @Option(names = "--kfac-damping", paramLabel = "LAMBDA",
            description = "Tikhonov damping of kfac (default: KFac's, " + KFac.DEFAULT_DAMPING + ").")
    private double kfacDamping = KFac.DEFAULT_DAMPING;

    @Option(names = "--kfac-kl-clip", paramLabel = "KAPPA",
            description = "KL clip of kfac, 0 for none (default: KFac's, " + KFac.DEFAULT_KL_CLIP + ").")
    private double kfacKlClip = KFac.DEFAULT_KL_CLIP;

    /**
     * The sampled Fisher by default, as Martens and Grosse: with this squared-error output the empirical Fisher
     * is the squared mean error, thousands of times smaller than the curvature of the loss near the plateau (where the
     * error is small), so its natural-gradient steps either diverge or, damped enough to stay finite, shrink to
     * plain gradient steps.
     */
    @Option(names = "--kfac-fisher", paramLabel = "TYPE",
            description = "Fisher type of kfac and kfac-adaptive: SAMPLED (labels drawn from the model, as Martens and Grosse) or "
                    + "EMPIRICAL (default: ${DEFAULT-VALUE}).")
    private FisherType kfacFisher = FisherType.SAMPLED;

    @Option(names = "--kfac-periods", paramLabel = "C,I", split = ",",
            description = "Curvature and inverse update periods of kfac and kfac-adaptive, in iterations (default: KFac's, "
                    + KFac.DEFAULT_CURVATURE_UPDATE_PERIOD + "," + KFac.DEFAULT_INVERSE_UPDATE_PERIOD + ").")
    private int[] kfacPeriods = {KFac.DEFAULT_CURVATURE_UPDATE_PERIOD, KFac.DEFAULT_INVERSE_UPDATE_PERIOD};

    @Override
    public Integer call() throws IOException {
        validate();
        KFac kfac = kfac();
        dataOptions.validate();
        Path outDir = ExperimentOptions.prepareOutputDirectory(spec, out, spec.name());
        TrainTestData data = dataOptions.load(seed);
        AutoencoderTrainer trainer = new AutoencoderTrainer(data.train().getFeatures(), evaluationImages, batch,
                iterations, evaluateEvery);
        List<AutoencoderTrainer.Contender> contenders = new ArrayList<>();
        Map<String, KFacStatisticsListener> statistics = new LinkedHashMap<>();
        for (String name : optimizers) {
            IUpdater updater = updater(name, kfac);
            MultiLayerNetwork net = new MultiLayerNetwork(
                    DeepAutoencoder.configuration(data.numFeatures(), encoder, updater, seed));
            net.init();
            if (updater instanceof KFac) {
                KFacTraining.attach(net);
                KFacStatisticsListener listener = new KFacStatisticsListener();
                net.addListeners(listener);
                statistics.put(name, listener);
            }
            contenders.add(new AutoencoderTrainer.Contender(name, net));
        }
        Files.createDirectories(outDir);
        List<OptimizerCurve> curves = trainer.train(contenders, seed, System.err,
                soFar -> writeFigures(outDir, soFar, traces(statistics)));
        List<KFacTracePlot.Trace> traces = traces(statistics);

        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.putAll(dataOptions.describe());
        configuration.put("dataName", data.name());
        configuration.put("encoder", encoder);
        configuration.put("hiddenActivation", DeepAutoencoder.HIDDEN_ACTIVATION.name());
        configuration.put("optimizers", optimizers);
        configuration.put("iterations", iterations);
        configuration.put("batch", batch);
        configuration.put("evaluateEvery", evaluateEvery);
        configuration.put("evaluationImages", Math.min(evaluationImages, data.train().numExamples()));
        configuration.put("seed", seed);
        configuration.put("kfac", kfac.toString());
        if (optimizers.contains(KFAC_ADAPTIVE)) {
            configuration.put(KFAC_ADAPTIVE, updater(KFAC_ADAPTIVE, kfac).toString());
        }
        ResultsWriter.writeJson(outDir, spec.name(), configuration, Map.of("curves", curves));
        writeFigures(outDir, curves, traces);
        plot(outDir.resolve(ITERATIONS_PNG), curves, false);
        plot(outDir.resolve(SECONDS_PNG), curves, true);
        if (!traces.isEmpty()) {
            KFacTracePlot.writePng(outDir.resolve(KFacTracePlot.PNG), traces);
        }
        HtmlPage page = new HtmlPage("Precis deep auto-encoder: " + data.name())
                .table(List.of("optimizer", "final training error", "training seconds", "updater"),
                        curves.stream().map(c -> List.of(c.name(), String.format(Locale.ROOT, "%.5f", c.finalError()),
                                String.format(Locale.ROOT, "%.1f", c.points().get(c.points().size() - 1).seconds()),
                                c.updater())).toList())
                .image(ITERATIONS_PNG, "training error against iterations")
                .image(SECONDS_PNG, "training error against seconds");
        if (!traces.isEmpty()) {
            page.image(KFacTracePlot.PNG, "K-FAC damping, learning rate, momentum and reduction ratio per iteration");
        }
        page.heading("Configuration").keyValues(configuration)
                .links("Raw figures:", traces.isEmpty() ? List.of(ResultsWriter.RESULTS_JSON, CURVES_CSV)
                        : List.of(ResultsWriter.RESULTS_JSON, CURVES_CSV, KFacTracePlot.CSV))
                .write(outDir.resolve("index.html"));
        for (OptimizerCurve c : curves) {
            System.out.printf(Locale.ROOT, "%-13s final training error %.5f after %d iterations, %.1f s%n", c.name(),
                    c.finalError(), iterations, c.points().get(c.points().size() - 1).seconds());
        }
        System.out.println("Results written to " + outDir.toAbsolutePath());
        return 0;
    }

    /**
     * @return the updater of optimizer {@code name}: {@code kfac} is the configuration of the --kfac-* options,
     *         {@code kfac-adaptive} KFac's adaptive defaults with the Fisher type and periods of {@code kfac}
     */
    private static IUpdater updater(String name, KFac kfac) {
        if (name.equals("kfac")) {
            return kfac;
        }
        IUpdater updater = OPTIMIZERS.get(name).get();
        if (updater instanceof KFac adaptive) {
            adaptive.setFisherType(kfac.getFisherType());
            adaptive.setCurvatureUpdatePeriod(kfac.getCurvatureUpdatePeriod());
            adaptive.setInverseUpdatePeriod(kfac.getInverseUpdatePeriod());
        }
        return updater;
    }

    /** The K-FAC configuration of the --kfac-* options; KFac's own checks find what is wrong. */
    private KFac kfac() {
        if (kfacPeriods.length != 2) {
            throw OptionChecks.invalid(spec, "--kfac-periods", java.util.Arrays.toString(kfacPeriods),
                    "expected two periods, C,I");
        }
        try {
            return KFac.builder().learningRate(kfacLearningRate).momentum(kfacMomentum).damping(kfacDamping)
                    .klClip(kfacKlClip).fisherType(kfacFisher).curvatureUpdatePeriod(kfacPeriods[0]).inverseUpdatePeriod(kfacPeriods[1])
                    .build();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            String option = m.contains("learningRate") ? "--kfac-learning-rate" : m.contains("momentum")
                    ? "--kfac-momentum" : m.contains("damping") ? "--kfac-damping" : m.contains("klClip")
                    ? "--kfac-kl-clip" : "--kfac-periods";
            throw OptionChecks.invalid(spec, option, "", m);
        }
    }

    private void validate() {
        for (String name : optimizers) {
            if (!OPTIMIZERS.containsKey(name)) {
                throw OptionChecks.invalid(spec, "--optimizers", name, "valid: " + String.join(", ", OPTIMIZERS.keySet()));
            }
        }
        if (iterations <= 0) {
            throw OptionChecks.invalid(spec, "--iterations", iterations, "must be positive");
        }
        if (batch <= 0) {
            throw OptionChecks.invalid(spec, "--batch", batch, "must be positive");
        }
        if (evaluateEvery <= 0) {
            throw OptionChecks.invalid(spec, "--evaluate-every", evaluateEvery, "must be positive");
        }
        if (evaluationImages <= 0) {
            throw OptionChecks.invalid(spec, "--evaluation-images", evaluationImages, "must be positive");
        }
        if (encoder.length == 0 || java.util.Arrays.stream(encoder).anyMatch(s -> s <= 0)) {
            throw OptionChecks.invalid(spec, "--encoder", java.util.Arrays.toString(encoder), "sizes must be positive");
        }
    }

    private static List<KFacTracePlot.Trace> traces(Map<String, KFacStatisticsListener> statistics) {
        return statistics.entrySet().stream().map(e -> new KFacTracePlot.Trace(e.getKey(), e.getValue().steps()))
                .toList();
    }

    /** Writes {@value #CURVES_CSV} and, with K-FAC optimizers, the statistics CSV, each replaced atomically. */
    private static void writeFigures(Path outDir, List<OptimizerCurve> curves, List<KFacTracePlot.Trace> traces) {
        try {
            replace(outDir.resolve(CURVES_CSV), file -> writeCsv(file, curves));
            if (!traces.isEmpty()) {
                replace(outDir.resolve(KFacTracePlot.CSV), file -> KFacTracePlot.writeCsv(file, traces));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the curves to " + outDir, e);
        }
    }

    /** A file writer that may fail. */
    private interface FileWriter {
        void write(Path file) throws IOException;
    }

    private static void replace(Path target, FileWriter writer) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".part");
        writer.write(temporary);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeCsv(Path file, List<OptimizerCurve> curves) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.println("optimizer,iteration,seconds,trainingError");
            for (OptimizerCurve c : curves) {
                for (CurvePoint p : c.points()) {
                    w.printf(Locale.ROOT, "%s,%d,%.3f,%.6f%n", c.name(), p.iteration(), p.seconds(), p.trainingError());
                }
            }
        }
    }

    private static void plot(Path file, List<OptimizerCurve> curves, boolean bySeconds) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title("Deep auto-encoder: training error against " + (bySeconds ? "seconds" : "iterations"))
                .xAxisTitle(bySeconds ? "training seconds" : "iteration").yAxisTitle("mean squared error per pixel")
                .build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (OptimizerCurve c : curves) {
            chart.addSeries(c.name(), c.points().stream().mapToDouble(p -> bySeconds ? p.seconds() : p.iteration())
                    .toArray(), c.points().stream().mapToDouble(CurvePoint::trainingError).toArray());
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
