package org.precis.samples.arms;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;
import org.precis.pc.PcNetworks;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.layers.PredictiveCodingOutputLayerImpl;

/**
 * Predictive coding: the whole hierarchy {@code inputs -> hidden... -> classes} as one
 * {@link PredictiveCodingOutputLayer} built by {@link PcNetworks#supervisedMlp}, relaxed for its default number
 * of steps on every batch and trained with local updates.
 *
 * <p>Diagnostics: the mean learned precision (mean of 1 / variance over units) of every level, named
 * {@code precisionLevel<l>}, and of the output level also as {@code outputPrecision}.
 */
public final class PcArm implements Arm {

    /** Name of the arm without precision: categorical top, no precision anywhere. */
    public static final String PC = "pc";
    /** Name of the arm with learned diagonal precision on every level, the Gaussian top's included. */
    public static final String PC_PRECISION = "pc-precision";

    private final String name;
    private final PrecisionForm precision;
    private final Supplier<IUpdater> updater;

    /**
     * @param name      the arm's command-line name
     * @param precision precision form of every level ({@link PrecisionForm#NONE}: categorical top, no precision)
     * @param updater   makes a fresh updater configuration for each network
     */
    public PcArm(String name, PrecisionForm precision, Supplier<IUpdater> updater) {
        this.name = name;
        this.precision = precision;
        this.updater = updater;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "predictive coding, " + (precision == PrecisionForm.NONE ? "no precision"
                : precision.name().toLowerCase(java.util.Locale.ROOT) + " learned precision") + ", " + updater.get();
    }

    @Override
    public Map<String, Object> hyperparameters() {
        PredictiveCodingOutputLayer layer = PcNetworks.supervisedMlpLayer(1, new int[0], 2, precision, updater.get())
                .build();
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("updater", updater.get().toString());
        h.put("precision", precision.name());
        h.put("topEnergy", layer.getTopEnergy().name());
        h.put("hiddenActivation", PcNetworks.HIDDEN_ACTIVATION.name());
        h.put("relaxationSteps", layer.getRelaxationSteps());
        h.put("stateRate", layer.getStateRate());
        return h;
    }

    @Override
    public MultiLayerNetwork createNetwork(NetworkShape shape, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(PcNetworks.supervisedMlp(shape.inputs(), shape.hidden(),
                shape.classes(), precision, updater.get(), seed));
        net.init();
        return net;
    }

    @Override
    public Map<String, Double> diagnostics(MultiLayerNetwork trained) {
        Map<String, Double> d = new LinkedHashMap<>();
        for (Layer layer : trained.getLayers()) {
            if (layer instanceof PredictiveCodingOutputLayerImpl pc) {
                d.put("energyRises", (double) pc.energyRises());
                d.put("relaxationSteps", (double) pc.relaxationSteps());
                int levels = ((PredictiveCodingOutputLayer) pc.conf().getLayer()).numLevels();
                for (int l = 1; l <= levels; l++) {
                    double mean = meanPrecision(pc.currentVariances(l));
                    d.put("precisionLevel" + l, mean);
                    if (l == levels) {
                        d.put("outputPrecision", mean);
                    }
                }
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
