package org.precis.pc.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;
import org.precis.pc.layers.PredictiveCodingOutputLayerImpl;
import org.precis.pc.params.PcParamInitializer;

/**
 * Swaps training schemes with one call:
 * <ul>
 *   <li>{@link #toPredictiveCoding}: a {@link MultiLayerConfiguration} ending in {@code DenseLayer}s + an
 *       {@code OutputLayer} becomes one ending in the equivalent {@link PredictiveCodingOutputLayer} (same sizes,
 *       activations, updater and weight init); the layers before the dense stack are kept as they are;</li>
 *   <li>{@link #toStandardNetwork}: a trained network ending in a PC layer becomes a plain DL4J network
 *       ({@code DenseLayer}s + {@code OutputLayer}) with the same parameters, whose output equals the PC layer's
 *       feed-forward output, for deployment without this library.</li>
 * </ul>
 * A softmax output with cross-entropy (MCXENT or negative log-likelihood) maps to {@link TopEnergy#CATEGORICAL};
 * any other output maps to {@link TopEnergy#GAUSSIAN}, exported with an MSE loss (which differs from the
 * Gaussian energy by the constant factor 2 / nOut).
 */
public final class PcConversions {

    private PcConversions() {
    }

    /**
     * The PC version of a multilayer perceptron configuration.
     *
     * @param conf configuration whose last layers are {@code DenseLayer}s followed by an {@code OutputLayer}
     *     (not modified)
     * @param options adjusts the PC options (relaxation steps, precision...) on the prefilled builder; may
     *     return the builder it receives
     * @return a new configuration: the layers before the dense stack, then one PC layer
     * @throws IllegalArgumentException if the configuration does not end in an {@code OutputLayer}, or a dense
     *     layer of the stack has no bias or uses layer normalisation
     */
    public static MultiLayerConfiguration toPredictiveCoding(MultiLayerConfiguration conf,
            UnaryOperator<PredictiveCodingOutputLayer.Builder> options) {
        List<NeuralNetConfiguration> confs = conf.getConfs();
        int last = confs.size() - 1;
        if (last < 0 || !(confs.get(last).getLayer() instanceof OutputLayer)) {
            throw new IllegalArgumentException("toPredictiveCoding: the last layer must be an OutputLayer");
        }
        int first = last;
        while (first > 0 && confs.get(first - 1).getLayer() instanceof DenseLayer) {
            first--;
        }
        for (int i = first; i < last; i++) {
            DenseLayer d = (DenseLayer) confs.get(i).getLayer();
            if (!d.hasBias() || d.hasLayerNorm()) {
                throw new IllegalArgumentException("toPredictiveCoding: dense layer " + i + " (\"" + d.getLayerName()
                        + "\") has no bias or uses layer normalisation, which the PC layer cannot express");
            }
        }
        OutputLayer out = (OutputLayer) confs.get(last).getLayer();
        if (!out.hasBias()) {
            throw new IllegalArgumentException("toPredictiveCoding: the output layer has no bias");
        }
        org.deeplearning4j.nn.conf.layers.FeedForwardLayer bottom =
                (org.deeplearning4j.nn.conf.layers.FeedForwardLayer) confs.get(first).getLayer();

        int[] hidden = new int[last - first];
        IActivation[] acts = new IActivation[last - first];
        for (int i = first; i < last; i++) {
            DenseLayer d = (DenseLayer) confs.get(i).getLayer();
            hidden[i - first] = (int) d.getNOut();
            acts[i - first] = d.getActivationFn();
        }
        boolean categorical = isCategorical(out);
        PredictiveCodingOutputLayer.Builder b = new PredictiveCodingOutputLayer.Builder()
                .nIn(bottom.getNIn())
                .hiddenLayerSizes(hidden)
                .hiddenActivations(acts)
                .nOut(out.getNOut())
                .activation(out.getActivationFn())
                .topEnergy(categorical ? TopEnergy.CATEGORICAL : TopEnergy.GAUSSIAN)
                .updater(out.getIUpdater())
                .weightInit(out.getWeightInitFn())
                .name(out.getLayerName());
        if (bottom.getIDropout() != null) {
            b.dropOut(bottom.getIDropout());
        }
        PredictiveCodingOutputLayer pc = options.apply(b).build();

        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(confs.get(0).getSeed())
                .dataType(conf.getDataType())
                .list();
        for (int i = 0; i < first; i++) {
            list.layer(i, confs.get(i).getLayer().clone());
            copyPreProcessor(conf, list, i, i);
        }
        list.layer(first, pc);
        copyPreProcessor(conf, list, first, first);
        return list.build();
    }

    private static boolean isCategorical(OutputLayer out) {
        ILossFunction loss = out.getLossFn();
        return out.getActivationFn() instanceof ActivationSoftmax
                && (loss instanceof LossMCXENT || loss instanceof LossNegativeLogLikelihood);
    }

    private static void copyPreProcessor(MultiLayerConfiguration from, NeuralNetConfiguration.ListBuilder to,
            int fromIndex, int toIndex) {
        InputPreProcessor p = from.getInputPreProcess(fromIndex);
        if (p != null) {
            to.inputPreProcessor(toIndex, p.clone());
        }
    }

    /**
     * A plain DL4J network computing the same feed-forward function as {@code net}, whose last layer is a PC
     * layer: its levels become {@code DenseLayer}s and an {@code OutputLayer} with copies of its weights and
     * biases (precisions are dropped: they do not enter the feed-forward output).
     *
     * @param net an initialised network ending in a {@link PredictiveCodingOutputLayer} (not modified)
     * @return a new, initialised network with copied parameters
     */
    public static MultiLayerNetwork toStandardNetwork(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int last = net.getnLayers() - 1;
        if (!(net.getLayer(last) instanceof PredictiveCodingOutputLayerImpl)) {
            throw new IllegalArgumentException("toStandardNetwork: the last layer must be a PredictiveCodingOutputLayer");
        }
        PredictiveCodingOutputLayer pc = (PredictiveCodingOutputLayer) conf.getConf(last).getLayer();

        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(conf.getConf(0).getSeed())
                .dataType(conf.getDataType())
                .list();
        for (int i = 0; i < last; i++) {
            list.layer(i, conf.getConf(i).getLayer().clone());
            copyPreProcessor(conf, list, i, i);
        }
        copyPreProcessor(conf, list, last, last);
        List<Layer> levels = new ArrayList<>();
        for (int l = 1; l < pc.numLevels(); l++) {
            levels.add(new DenseLayer.Builder().nIn(pc.levelSize(l - 1)).nOut(pc.levelSize(l))
                    .activation(pc.levelActivation(l))
                    .updater(pc.getIUpdater()).weightInit(pc.getWeightInitFn()).build());
        }
        levels.add(new OutputLayer.Builder(pc.getTopEnergy() == TopEnergy.CATEGORICAL ? new LossMCXENT() : new LossMSE())
                .nIn(pc.levelSize(pc.numLevels() - 1)).nOut(pc.getNOut()).activation(pc.getActivationFn())
                .updater(pc.getIUpdater()).weightInit(pc.getWeightInitFn()).name(pc.getLayerName()).build());
        for (int i = 0; i < levels.size(); i++) {
            list.layer(last + i, levels.get(i));
        }
        MultiLayerNetwork plain = new MultiLayerNetwork(list.build());
        plain.init();
        for (int i = 0; i < last; i++) {
            plain.getLayer(i).setParams(net.getLayer(i).params().dup());
        }
        PredictiveCodingOutputLayerImpl pcLayer = (PredictiveCodingOutputLayerImpl) net.getLayer(last);
        for (int l = 1; l <= pc.numLevels(); l++) {
            org.deeplearning4j.nn.api.Layer target = plain.getLayer(last + l - 1);
            target.setParam(DefaultParamInitializer.WEIGHT_KEY, pcLayer.getParam(PcParamInitializer.weightKey(l)));
            target.setParam(DefaultParamInitializer.BIAS_KEY, pcLayer.getParam(PcParamInitializer.biasKey(l)));
        }
        return plain;
    }
}
