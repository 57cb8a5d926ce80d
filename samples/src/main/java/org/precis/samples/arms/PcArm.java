package org.precis.samples.arms;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.nd4j.linalg.learning.config.IUpdater;
import org.precis.pc.PcNetworks;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.layers.PredictiveCodingOutputLayerImpl;
import org.precis.pc.stats.PcStatistics;

/**
 * Predictive coding: the whole hierarchy {@code inputs -> hidden... -> classes} as one
 * {@link PredictiveCodingOutputLayer} built by {@link PcNetworks#supervisedMlpLayer} (and the arm's further options),
 * relaxed for its number of steps on every batch and trained with local updates; a convolutional front of the shape
 * becomes the layer's convolutional levels.
 *
 * <p>Diagnostics: the mean learned precision (mean of 1 / variance over units) of every level, named
 * {@code precisionLevel<l>}, and of the output level also as {@code outputPrecision}; the relaxation steps taken
 * ({@code relaxationSteps}) and how many of them raised the energy ({@code energyRises}).
 */
public final class PcArm implements Arm {

    /** Name of the arm without precision: categorical top, no precision anywhere. */
    public static final String PC = "pc";
    /** Name of the arm with learned diagonal precision on every level, the Gaussian top's included. */
    public static final String PC_PRECISION = "pc-precision";

    /** Name of the arm without precision trained with SGD and Nesterov momentum instead of Adam. */
    public static final String PC_MOMENTUM = "pc-momentum";
    /** Name of the arm with learned precision trained with SGD and Nesterov momentum instead of Adam. */
    public static final String PC_PRECISION_MOMENTUM = "pc-precision-momentum";
    /** Name of natural-gradient PC: Kronecker-factored weight steps, the output precision as their G side. */
    public static final String PC_NATGRAD = "pc-natgrad";

    private final String name;
    private final String summary;
    private final PrecisionForm precision;
    private final Supplier<IUpdater> updater;
    private final UnaryOperator<PredictiveCodingOutputLayer.Builder> options;

    /**
     * @param name      the arm's command-line name
     * @param summary   what distinguishes the arm, for reports
     * @param precision precision form of every level ({@link PrecisionForm#NONE}: categorical top, no precision)
     * @param updater   makes a fresh updater configuration for each network
     * @param options   further options on the layer of {@link PcNetworks#supervisedMlpLayer} (may return its
     *                  argument unchanged)
     */
    public PcArm(String name, String summary, PrecisionForm precision, Supplier<IUpdater> updater,
            UnaryOperator<PredictiveCodingOutputLayer.Builder> options) {
        this.name = name;
        this.summary = summary;
        this.precision = precision;
        this.updater = updater;
        this.options = options;
    }

    private PredictiveCodingOutputLayer.Builder layer(NetworkShape shape) {
        PredictiveCodingOutputLayer.Builder b = PcNetworks.supervisedMlpLayer(shape.inputs(), shape.hidden(),
                shape.classes(), precision, updater.get());
        if (shape.convolutional()) {
            int[] image = shape.image();
            b.inputShape(image[0], image[1], image[2]).convolutionalLevels(shape.convolutions());
        }
        return options.apply(b);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "predictive coding, " + summary + ", " + updater.get();
    }

    @Override
    public Map<String, Object> hyperparameters() {
        PredictiveCodingOutputLayer layer = layer(new NetworkShape(1, new int[] {1}, 2)).build();
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("updater", updater.get().toString());
        h.put("precision", precision.name());
        h.put("precisionForms", Arrays.toString(layer.getPrecisionForms()));
        h.put("precisionEstimator", layer.getPrecisionEstimator().name());
        h.put("precisionDamping", layer.getPrecisionDamping());
        h.put("topEnergy", layer.getTopEnergy().name());
        h.put("hiddenActivation", layer.getHiddenActivations()[0].toString().toUpperCase(Locale.ROOT));
        h.put("weightInit", weightInitName(layer.getWeightInitFn()));
        h.put("relaxationSteps", layer.getRelaxationSteps());
        h.put("stateRate", layer.getStateRate());
        h.put("stepBound", layer.getStepBound());
        h.put("weightPreconditioner", layer.getWeightPreconditioner().name());
        return h;
    }

    /**
     * The {@code WeightInit} name of an initialisation as the backprop arms report it (the PC layer's default
     * Xavier).
     */
    static String weightInitName(IWeightInit init) {
        Class<?> type = init == null ? WeightInitXavier.class : init.getClass();
        return type.getSimpleName().replace("WeightInit", "").toUpperCase(Locale.ROOT);
    }

    @Override
    public MultiLayerNetwork createNetwork(NetworkShape shape, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed).list()
                .layer(layer(shape).build()).build());
        net.init();
        return net;
    }

    @Override
    public Map<String, Double> diagnostics(MultiLayerNetwork trained) {
        return diagnosticsOf(trained);
    }

    /**
     * What a trained network with a PC layer reports beside its accuracy: the mean learned precision of every level
     * and of the output, the relaxation steps taken and how many raised the energy.
     *
     * @param trained any trained network (not modified); one without a PC layer reports nothing
     * @return the figures by name
     */
    public static Map<String, Double> diagnosticsOf(MultiLayerNetwork trained) {
        Map<String, Double> d = new LinkedHashMap<>();
        for (Layer layer : trained.getLayers()) {
            if (layer instanceof PredictiveCodingOutputLayerImpl pc) {
                d.putAll(diagnosticsOf(PcStatistics.of(pc, 0)));
            }
        }
        return d;
    }

    /**
     * The figures of {@link #diagnosticsOf(MultiLayerNetwork)} from one snapshot of a supervised PC layer, e.g. one
     * taken by a {@link org.precis.pc.stats.PcStatisticsListener} during training.
     *
     * @param snapshot the layer's statistics
     * @return {@code energyRises}, {@code relaxationSteps}, {@code precisionLevel<l>} for every level and
     *     {@code outputPrecision}, by name
     */
    public static Map<String, Double> diagnosticsOf(PcStatistics snapshot) {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("energyRises", (double) snapshot.energyRises());
        d.put("relaxationSteps", (double) snapshot.relaxationSteps());
        for (int l = snapshot.firstLevel(); l <= snapshot.topLevel(); l++) {
            double mean = meanPrecision(snapshot.variances(l));
            d.put("precisionLevel" + l, mean);
            if (l == snapshot.topLevel()) {
                d.put("outputPrecision", mean);
            }
        }
        return d;
    }

    private static double meanPrecision(double[] variances) {
        double sum = 0;
        for (double v : variances) {
            sum += 1.0 / v;
        }
        return sum / variances.length;
    }
}
