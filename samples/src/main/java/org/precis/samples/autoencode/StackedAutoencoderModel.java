package org.precis.samples.autoencode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.AutoEncoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A stack of DL4J {@code AutoEncoder} layers, one per level (nIn -> n_1 -> ... -> n_L), each trained to
 * reconstruct its own input, layer-wise ({@code pretrain}, one epoch per layer per call, bottom first). A level's
 * embedding is its encoder activation; reconstruction decodes down the stack with each layer's tied weights.
 * One epoch trains every level once over the data, bottom first.
 * Plain auto-encoders: no input corruption, no sparsity penalty.
 *
 * <p>DL4J 1.0.0-M2.1's {@code AutoEncoder} writes the <em>negative</em> gradient of its cross-entropy
 * reconstruction loss into its gradient (its terms are built from x - z, not z - x), so any updater with a positive
 * learning rate climbs the loss (reconstructions drift to all-white). Each level therefore uses Adam with the
 * learning rate negated, which descends the loss at the stated rate; {@code StackedAutoencoderModelTest} pins both
 * facts. The gradient is that of the sigmoid cross-entropy loss whatever {@code lossFunction} says.
 */
public final class StackedAutoencoderModel implements AutoencoderModel {

    /** Activation of every encoder and decoder: codes and pixels in [0, 1]. */
    public static final Activation ACTIVATION = Activation.SIGMOID;
    /** Reconstruction loss of every layer: its inputs lie in [0, 1]. */
    public static final LossFunctions.LossFunction LOSS = LossFunctions.LossFunction.XENT;

    private final ModelSettings settings;
    /** One single-layer network per level: MultiLayerNetwork.pretrain in DL4J 1.0.0-M2.1 feeds the raw input to
     * every AutoEncoder layer above the first (a shape error), so the stack is trained level by level here. */
    private final List<MultiLayerNetwork> levels = new ArrayList<>();

    /** Builds and initialises one network per level. */
    public StackedAutoencoderModel(ModelSettings settings) {
        this.settings = settings;
        int in = settings.nIn();
        for (int size : settings.latentSizes()) {
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                    .seed(settings.seed() + levels.size()).dataType(DataType.FLOAT)
                    // Negated: DL4J's AutoEncoder writes the negative gradient (see the class comment).
                    .updater(new Adam(-settings.learningRate())).weightInit(WeightInit.XAVIER).list()
                    .layer(new AutoEncoder.Builder().nIn(in).nOut(size).activation(ACTIVATION).lossFunction(LOSS)
                            .corruptionLevel(0.0).sparsity(0.0).build())
                    .build());
            net.init();
            levels.add(net);
            in = size;
        }
    }

    @Override
    public String name() {
        return "autoencoder";
    }

    @Override
    public int[] levelSizes() {
        return settings.latentSizes();
    }

    /** Each level in turn, bottom first, one pass over the data encoded by the levels below it. */
    @Override
    public void trainEpoch(DataSetIterator data) {
        for (int l = 0; l < levels.size(); l++) {
            data.reset();
            while (data.hasNext()) {
                INDArray input = data.next().getFeatures().castTo(DataType.FLOAT);
                for (int below = 0; below < l; below++) {
                    input = levels.get(below).output(input, false);
                }
                levels.get(l).pretrainLayer(0, input);
            }
        }
    }

    @Override
    public INDArray[] embed(INDArray x) {
        INDArray[] out = new INDArray[levels.size()];
        INDArray current = x.castTo(DataType.FLOAT);
        for (int l = 0; l < levels.size(); l++) {
            current = levels.get(l).output(current, false);
            out[l] = current;
        }
        return out;
    }

    @Override
    public boolean reconstructsFrom(int level) {
        return level >= 1 && level <= levels.size();
    }

    @Override
    public INDArray reconstructFrom(INDArray embedding, int level) {
        INDArray current = embedding.castTo(DataType.FLOAT);
        for (int l = level; l >= 1; l--) {
            var layer = (org.deeplearning4j.nn.layers.feedforward.autoencoder.AutoEncoder) levels.get(l - 1)
                    .getLayer(0);
            current = layer.decode(current, LayerWorkspaceMgr.noWorkspaces());
        }
        return current.dup();
    }

    /** The single-layer network of level {@code index + 1}, for tests that read its parameters. */
    MultiLayerNetwork levelForTests(int index) {
        return levels.get(index);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layer", "AutoEncoder x " + settings.latentSizes().length + " (layer-wise pretraining)");
        m.put("latentSizes", settings.latentSizes());
        m.put("activation", ACTIVATION.name());
        m.put("loss", LOSS.name());
        m.put("corruptionLevel", 0.0);
        m.put("updater", "Adam(" + settings.learningRate() + "), applied as Adam(-rate) to DL4J's negated gradient");
        return m;
    }
}
