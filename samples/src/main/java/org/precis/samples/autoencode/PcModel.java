package org.precis.samples.autoencode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.conf.GenerativeStart;
import org.precis.pc.layers.GenerativePcLayerImpl;
import org.precis.pc.params.PcParamInitializer;

/**
 * The generative predictive-coding auto-encoder ({@link GenerativePcLayer}): no encoder, every level's embedding
 * is its relaxed latent. Data predicted through a sigmoid (pixels lie in [0, 1]); latent levels through
 * {@link GenerativePcLayer#DEFAULT_HIDDEN_ACTIVATION}. Relaxation starts from the prior ({@code pc}) or from the
 * amortised recognition pass ({@code pc-amortised}).
 */
public final class PcModel implements AutoencoderModel {

    /** Test images on which the two starts of an amortised model are compared. */
    static final int START_COMPARISON_IMAGES = 1000;

    /** Activation predicting the data: pixels lie in [0, 1]. */
    public static final Activation DATA_ACTIVATION = Activation.SIGMOID;

    private final ModelSettings settings;
    private final GenerativeStart start;
    private final MultiLayerNetwork net;
    private final GenerativePcLayerImpl layer;
    /** Relaxation counts of training ([relaxations, steps, rises]) and of inference, kept apart. */
    private final long[] training = new long[3];
    private final long[] inference = new long[3];

    /**
     * Builds and initialises the network.
     *
     * @param settings the comparison's settings
     * @param start where relaxation starts
     */
    public PcModel(ModelSettings settings, GenerativeStart start) {
        this.settings = settings;
        this.start = start;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(settings.seed())
                .dataType(DataType.FLOAT).updater(new Adam(settings.learningRate())).list()
                .layer(settings.pc().apply(settings.nIn(), settings.latentSizes(), start)
                        .activation(DATA_ACTIVATION).build())
                .build();
        this.net = new MultiLayerNetwork(conf);
        net.init();
        this.layer = (GenerativePcLayerImpl) net.getLayer(0);
    }

    @Override
    public String name() {
        return start == GenerativeStart.AMORTISED ? "pc-amortised" : "pc";
    }

    @Override
    public int[] levelSizes() {
        return settings.latentSizes();
    }

    @Override
    public void trainEpoch(DataSetIterator data) {
        counted(training, () -> net.pretrain(data, 1));
    }

    @Override
    public INDArray[] embed(INDArray x) {
        INDArray[][] out = new INDArray[1][];
        counted(inference, () -> out[0] = layer.inferLatents(x.castTo(DataType.FLOAT)));
        return out[0];
    }

    /** Runs {@code work} and adds the layer's relaxation counts during it to {@code counts}. */
    private void counted(long[] counts, Runnable work) {
        long relaxations = layer.relaxations();
        long steps = layer.relaxationSteps();
        long rises = layer.energyRises();
        work.run();
        counts[0] += layer.relaxations() - relaxations;
        counts[1] += layer.relaxationSteps() - steps;
        counts[2] += layer.energyRises() - rises;
    }

    @Override
    public boolean reconstructsFrom(int level) {
        return level >= 1 && level <= settings.latentSizes().length;
    }

    /**
     * The top-down sweep from the latent of {@code level}: mu_{l-1} = f_{l-1}(x_l W_l + b_l) down to the data,
     * which is what {@link GenerativePcLayerImpl#reconstruct(INDArray, int)} computes after its own inference;
     * taking the latents already inferred by {@link #embed} avoids relaxing the same images once per level.
     */
    @Override
    public INDArray reconstructFrom(INDArray embedding, int level) {
        GenerativePcLayer conf = (GenerativePcLayer) layer.conf().getLayer();
        INDArray current = embedding.castTo(DataType.FLOAT);
        for (int l = level; l >= 1; l--) {
            INDArray pre = current.mmul(layer.getParam(PcParamInitializer.weightKey(l)))
                    .addiRowVector(layer.getParam(PcParamInitializer.biasKey(l)));
            current = conf.predictionActivation(l - 1).getActivation(pre, false);
        }
        return current;
    }

    /**
     * Relaxation counts since the model was built, training and inference (embeddings) apart: relaxations, steps,
     * steps that raised the energy, and steps per relaxation (below T where a tolerance stopped relaxation early).
     *
     * @return the counts by name
     */
    Map<String, Double> relaxationCounts() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("trainingRelaxations", (double) training[0]);
        m.put("trainingSteps", (double) training[1]);
        m.put("energyRises", (double) training[2]);
        m.put("stepsPerTrainingRelaxation", training[0] == 0 ? Double.NaN : (double) training[1] / training[0]);
        m.put("inferenceSteps", (double) inference[1]);
        m.put("inferenceEnergyRises", (double) inference[2]);
        m.put("stepsPerInferenceRelaxation", inference[0] == 0 ? Double.NaN : (double) inference[1] / inference[0]);
        return m;
    }

    /**
     * Relaxes the first {@value #START_COMPARISON_IMAGES} of {@code x} from the prior and, for an amortised model,
     * from its recognition pass, with every one of the T steps: the energy each start begins at, the prior start's
     * final energy, and the first step at which the amortised start is as low (-1 if it never is).
     *
     * @param x test images (not modified)
     * @return the figures by name; empty for a model that starts from the prior
     */
    Map<String, Double> compareStarts(INDArray x) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (start != GenerativeStart.AMORTISED) {
            return m;
        }
        INDArray images = x.get(NDArrayIndex.interval(0, Math.min(START_COMPARISON_IMAGES, x.rows())),
                NDArrayIndex.all()).castTo(DataType.FLOAT);
        double tolerance = layer.layerConf().getTolerance();
        layer.layerConf().setTolerance(0);
        try {
            layer.inferLatents(images, GenerativeStart.PRIOR);
            double[] prior = totals(layer.lastEnergyTrace());
            layer.inferLatents(images, GenerativeStart.AMORTISED);
            double[] amortised = totals(layer.lastEnergyTrace());
            double target = prior[prior.length - 1];
            int reached = -1;
            for (int t = 0; t < amortised.length; t++) {
                if (amortised[t] <= target) {
                    reached = t;
                    break;
                }
            }
            m.put("priorStartEnergy", prior[0]);
            m.put("priorFinalEnergy", target);
            m.put("amortisedStartEnergy", amortised[0]);
            m.put("amortisedFinalEnergy", amortised[amortised.length - 1]);
            m.put("amortisedStepsToPriorFinalEnergy", (double) reached);
            m.put("steps", (double) (prior.length - 1));
        } finally {
            layer.layerConf().setTolerance(tolerance);
        }
        return m;
    }

    private static double[] totals(double[][] trace) {
        double[] out = new double[trace.length];
        for (int t = 0; t < trace.length; t++) {
            for (double e : trace[t]) {
                out[t] += e;
            }
        }
        return out;
    }

    /** The layer itself, for tests that compare with its own API. */
    GenerativePcLayerImpl layerForTests() {
        return layer;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layer", "GenerativePcLayer");
        m.put("latentSizes", settings.latentSizes());
        m.put("dataActivation", DATA_ACTIVATION.name());
        m.put("hiddenActivation", GenerativePcLayer.DEFAULT_HIDDEN_ACTIVATION.name());
        m.put("start", start.name());
        m.put("precisionForms", Arrays.toString(layer.layerConf().getPrecisionForms()));
        m.put("precisionEstimator", settings.pc().estimator().name());
        m.put("precisionDamping", settings.pc().damping());
        m.put("varianceFloor", settings.pc().varianceFloor());
        m.put("relaxationSteps", settings.pc().steps());
        m.put("stateRate", settings.pc().stateRate());
        m.put("stepBound", settings.pc().stepBound());
        m.put("tolerance", settings.pc().tolerance());
        m.put("updater", "Adam(" + settings.learningRate() + ")");
        // What the learned precision did to each level (0 = the data, L = the prior): a level whose variances
        // grew large has its prediction errors discounted, so the levels above it are barely constrained.
        List<Double> meanVariance = new ArrayList<>();
        for (int l = 0; l <= settings.latentSizes().length; l++) {
            meanVariance.add(Arrays.stream(layer.currentVariances(l)).average().orElse(Double.NaN));
        }
        m.put("meanVariancePerLevel", meanVariance);
        return m;
    }
}
