package org.precis.pc.testutil;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.precis.pc.conf.ConvolutionalLevel;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;
import org.precis.pc.layers.PredictiveCodingOutputLayerImpl;
import org.precis.pc.params.PcParamInitializer;

/**
 * An independent reference for a PC layer with convolutional levels: every prediction is made by DL4J's own
 * {@code ConvolutionLayer}, {@code SubsamplingLayer}, {@code DenseLayer} and {@code OutputLayer} holding copies of
 * the PC layer's weights, and the energy of {@code algorithms.md} §1 is summed in plain Java from those predictions
 * (one precision per channel for a diagonal form on a convolutional level). Shares no code with the engine.
 */
public final class ConvolutionalMirror {

    private final PredictiveCodingOutputLayer conf;
    private final MultiLayerNetwork net;
    /** DL4J layers making the prediction of each level 1..L (index level - 1). */
    private final List<List<Layer>> layersOf = new ArrayList<>();
    /** DL4J layer holding the weights of each level (index level - 1). */
    private final Layer[] weightsOf;
    /** Log-variance parameters of each level (index level - 1), or null; a copy the caller may perturb. */
    public final double[][] logVariances;

    /**
     * @param layer a PC layer with the gradient estimator (its parameters are copied, not referenced)
     */
    public ConvolutionalMirror(PredictiveCodingOutputLayerImpl layer) {
        conf = (PredictiveCodingOutputLayer) layer.conf().getLayer();
        int levels = conf.numLevels();
        int[] input = conf.levelShape(0);
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list();
        int index = 0;
        List<Integer> weightIndex = new ArrayList<>();
        List<List<Integer>> indices = new ArrayList<>();
        for (int l = 1; l <= levels; l++) {
            ConvolutionalLevel c = conf.convolutionalLevel(l);
            List<Integer> mine = new ArrayList<>();
            if (c != null) {
                list.layer(new ConvolutionLayer.Builder(c.getKernelSize()).stride(c.getStride()).padding(c.getPadding())
                        .convolutionMode(ConvolutionMode.Truncate).nOut(c.getChannels())
                        .activation(conf.levelActivation(l)).build());
                weightIndex.add(index);
                mine.add(index++);
                if (c.getPooling() != ConvolutionalLevel.Pooling.NONE) {
                    list.layer(new SubsamplingLayer.Builder(c.getPooling() == ConvolutionalLevel.Pooling.MAX
                            ? SubsamplingLayer.PoolingType.MAX : SubsamplingLayer.PoolingType.AVG)
                            .kernelSize(c.getPoolingSize()).stride(c.getPoolingStride())
                            .convolutionMode(ConvolutionMode.Truncate).build());
                    mine.add(index++);
                }
            } else if (l < levels) {
                list.layer(new DenseLayer.Builder().nOut(conf.levelSize(l)).activation(conf.levelActivation(l))
                        .build());
                weightIndex.add(index);
                mine.add(index++);
            } else {
                list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(conf.levelSize(l))
                        .activation(conf.levelActivation(l)).build());
                weightIndex.add(index);
                mine.add(index++);
            }
            indices.add(mine);
        }
        net = new MultiLayerNetwork(list.setInputType(InputType.convolutional(input[1], input[2], input[0])).build());
        net.init();
        weightsOf = new Layer[levels];
        logVariances = new double[levels][];
        for (int l = 1; l <= levels; l++) {
            List<Layer> mine = new ArrayList<>();
            for (int i : indices.get(l - 1)) {
                mine.add(net.getLayer(i));
            }
            layersOf.add(mine);
            weightsOf[l - 1] = net.getLayer(weightIndex.get(l - 1));
            weightsOf[l - 1].getParam("W").assign(layer.getParam(PcParamInitializer.weightKey(l)));
            weightsOf[l - 1].getParam("b").assign(layer.getParam(PcParamInitializer.biasKey(l)));
            INDArray s = layer.getParam(PcParamInitializer.precisionKey(l));
            logVariances[l - 1] = s == null ? null : s.toDoubleVector();
        }
    }

    /**
     * @param level a level 1..L
     * @param key "W" or "b"
     * @return the mirror's parameter of that level's prediction (a view: perturb it in place)
     */
    public INDArray parameter(int level, String key) {
        return weightsOf[level - 1].getParam(key);
    }

    /**
     * mu_l from the value of the level below, by DL4J's layers.
     *
     * @param level a level 1..L
     * @param source x_{l-1}, flat [batch, n_{l-1}]
     * @return mu_l, flat [batch, n_l]
     */
    public INDArray prediction(int level, INDArray source) {
        INDArray x = source;
        if (conf.convolutionalLevel(level) != null) {
            int[] shape = conf.levelShape(level - 1);
            x = source.reshape('c', source.size(0), shape[0], shape[1], shape[2]).dup('c');
        }
        for (Layer layer : layersOf.get(level - 1)) {
            x = layer.activate(x, false, LayerWorkspaceMgr.noWorkspaces()).dup('c');
        }
        return x.reshape('c', x.size(0), x.length() / x.size(0));
    }

    /**
     * The energy F summed over the batch at the given values.
     *
     * @param values x_0..x_L, flat [batch, n_l] (x_L the clamped top or its free value)
     * @param categoricalTop whether the top's energy is categorical (a clamped softmax top)
     * @return F
     */
    public double energy(INDArray[] values, boolean categoricalTop) {
        double total = 0;
        int top = conf.numLevels();
        for (int l = 1; l <= top; l++) {
            double[][] mu = prediction(l, values[l - 1]).toDoubleMatrix();
            double[][] x = values[l].toDoubleMatrix();
            if (l == top && categoricalTop) {
                for (int n = 0; n < x.length; n++) {
                    for (int i = 0; i < x[n].length; i++) {
                        total -= x[n][i] * Math.log(mu[n][i]);
                    }
                }
                continue;
            }
            double[] s = logVariances[l - 1];
            PrecisionForm form = conf.levelPrecision(l);
            int units = x[0].length;
            int channels = conf.convolutionalLevel(l) == null ? units : conf.levelShape(l)[0];
            int positions = units / channels;
            for (int n = 0; n < x.length; n++) {
                for (int i = 0; i < units; i++) {
                    double logVariance = form == PrecisionForm.NONE ? 0
                            : form == PrecisionForm.SCALAR ? s[0] : s[i / positions];
                    double e = x[n][i] - mu[n][i];
                    total += 0.5 * Math.exp(-logVariance) * e * e + 0.5 * logVariance;
                }
            }
        }
        return total;
    }

    /** @return whether the layer's top is categorical */
    public boolean categoricalTop() {
        return conf.getTopEnergy() == TopEnergy.CATEGORICAL;
    }
}
