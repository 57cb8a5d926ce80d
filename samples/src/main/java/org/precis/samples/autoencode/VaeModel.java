package org.precis.samples.autoencode;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.VariationalAutoencoderParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;

/**
 * DL4J's {@code VariationalAutoencoder} with the same level sizes: encoder layers of levels 1..L-1, a Gaussian
 * code of level L's size, the mirrored decoder, and a Bernoulli reconstruction distribution (pixels in [0, 1]).
 * A level's embedding is the encoder's activation there, the code's mean at the top; only the code decodes.
 */
public final class VaeModel implements AutoencoderModel {

    /** Activation of encoder and decoder layers. */
    public static final Activation HIDDEN_ACTIVATION = Activation.TANH;

    private final ModelSettings settings;
    private final MultiLayerNetwork net;
    private final org.deeplearning4j.nn.layers.variational.VariationalAutoencoder layer;

    /** Builds and initialises the network. */
    public VaeModel(ModelSettings settings) {
        this.settings = settings;
        int[] sizes = settings.latentSizes();
        int[] encoder = Arrays.copyOf(sizes, sizes.length - 1);
        int[] decoder = new int[encoder.length];
        for (int i = 0; i < encoder.length; i++) {
            decoder[i] = encoder[encoder.length - 1 - i];
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(settings.seed())
                .dataType(DataType.FLOAT).updater(new Adam(settings.learningRate())).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new VariationalAutoencoder.Builder().nIn(settings.nIn()).nOut(sizes[sizes.length - 1])
                        .encoderLayerSizes(encoder).decoderLayerSizes(decoder).activation(HIDDEN_ACTIVATION)
                        .pzxActivationFunction(Activation.IDENTITY)
                        .reconstructionDistribution(new BernoulliReconstructionDistribution(Activation.SIGMOID))
                        .build())
                .build();
        this.net = new MultiLayerNetwork(conf);
        net.init();
        this.layer = (org.deeplearning4j.nn.layers.variational.VariationalAutoencoder) net.getLayer(0);
    }

    @Override
    public String name() {
        return "vae";
    }

    @Override
    public int[] levelSizes() {
        return settings.latentSizes();
    }

    @Override
    public void trainEpoch(DataSetIterator data) {
        net.pretrain(data, 1);
    }

    /** The encoder's deterministic path: its hidden activations, then the mean of q(z | x). */
    @Override
    public INDArray[] embed(INDArray x) {
        int levels = settings.latentSizes().length;
        INDArray[] out = new INDArray[levels];
        INDArray current = x.castTo(DataType.FLOAT);
        for (int i = 0; i < levels - 1; i++) {
            String prefix = VariationalAutoencoderParamInitializer.ENCODER_PREFIX + i;
            INDArray pre = current.mmul(layer.getParam(prefix + VariationalAutoencoderParamInitializer.WEIGHT_KEY_SUFFIX))
                    .addiRowVector(layer.getParam(prefix + VariationalAutoencoderParamInitializer.BIAS_KEY_SUFFIX));
            current = HIDDEN_ACTIVATION.getActivationFunction().getActivation(pre, false);
            out[i] = current;
        }
        out[levels - 1] = current.mmul(layer.getParam(VariationalAutoencoderParamInitializer.PZX_MEAN_W))
                .addiRowVector(layer.getParam(VariationalAutoencoderParamInitializer.PZX_MEAN_B));
        return out;
    }

    @Override
    public boolean reconstructsFrom(int level) {
        return level == settings.latentSizes().length;
    }

    @Override
    public INDArray reconstructFrom(INDArray embedding, int level) {
        if (!reconstructsFrom(level)) {
            throw new IllegalArgumentException("The VAE decodes only from its code, level "
                    + settings.latentSizes().length + ", not level " + level);
        }
        return layer.generateAtMeanGivenZ(embedding.castTo(DataType.FLOAT)).dup();
    }

    /** The network itself, for tests that compare with DL4J's own output. */
    MultiLayerNetwork networkForTests() {
        return net;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layer", "VariationalAutoencoder");
        m.put("latentSizes", settings.latentSizes());
        m.put("hiddenActivation", HIDDEN_ACTIVATION.name());
        m.put("reconstructionDistribution", "Bernoulli(SIGMOID)");
        m.put("embedding", "encoder activations; mean of q(z|x) at the top");
        m.put("updater", "Adam(" + settings.learningRate() + ")");
        return m;
    }
}
