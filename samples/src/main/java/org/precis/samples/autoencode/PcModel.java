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
import org.nd4j.linalg.learning.config.Adam;
import org.precis.pc.conf.GenerativePcLayer;
import org.precis.pc.layers.GenerativePcLayerImpl;
import org.precis.pc.params.PcParamInitializer;

/**
 * The generative predictive-coding auto-encoder ({@link GenerativePcLayer}): no encoder, every level's embedding
 * is its relaxed latent. Data predicted through a sigmoid (pixels lie in [0, 1]); latent levels through
 * {@link GenerativePcLayer#DEFAULT_HIDDEN_ACTIVATION}.
 */
public final class PcModel implements AutoencoderModel {

    /** Activation predicting the data: pixels lie in [0, 1]. */
    public static final Activation DATA_ACTIVATION = Activation.SIGMOID;

    private final ModelSettings settings;
    private final MultiLayerNetwork net;
    private final GenerativePcLayerImpl layer;

    /** Builds and initialises the network. */
    public PcModel(ModelSettings settings) {
        this.settings = settings;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(settings.seed())
                .dataType(DataType.FLOAT).updater(new Adam(settings.learningRate())).list()
                .layer(new GenerativePcLayer.Builder().nIn(settings.nIn()).latentSizes(settings.latentSizes())
                        .activation(DATA_ACTIVATION).precision(settings.pcPrecision())
                        .varianceFloor(settings.pcVarianceFloor())
                        .relaxationSteps(settings.pcSteps()).stateRate(settings.pcStateRate()).build())
                .build();
        this.net = new MultiLayerNetwork(conf);
        net.init();
        this.layer = (GenerativePcLayerImpl) net.getLayer(0);
    }

    @Override
    public String name() {
        return "pc";
    }

    @Override
    public int[] levelSizes() {
        return settings.latentSizes();
    }

    @Override
    public void trainEpoch(DataSetIterator data) {
        net.pretrain(data, 1);
    }

    @Override
    public INDArray[] embed(INDArray x) {
        return layer.inferLatents(x.castTo(DataType.FLOAT));
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
        m.put("precision", settings.pcPrecision().name());
        m.put("varianceFloor", settings.pcVarianceFloor());
        m.put("relaxationSteps", settings.pcSteps());
        m.put("stateRate", settings.pcStateRate());
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
