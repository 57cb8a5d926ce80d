package org.precis.samples.arms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.precis.pc.conf.ConvolutionalLevel;
import org.precis.pc.conf.PredictiveCodingOutputLayer;

/**
 * The {@link NetworkShape} a saved DL4J classifier configuration trains, read from its layers: DL4J's
 * {@code ConvolutionLayer}s, each optionally followed by a {@code SubsamplingLayer} that pools it, as the
 * convolutional front (the input image from the configuration's {@code FeedForwardToCnnPreProcessor}); dense layers
 * as hidden sizes; and inside a predictive-coding layer its convolutional levels, input shape and hidden levels. So a
 * configuration saved from any arm, fully connected or convolutional, reads back as the shape it was built from.
 */
final class ConfigurationShape {

    private ConfigurationShape() {
    }

    /**
     * @param conf a classifier configuration: the last layer's outputs are the classes
     * @return its shape
     * @throws IllegalArgumentException naming the layer when one cannot be part of a {@link NetworkShape} (a pooling
     *                                  layer with no convolution below it, or a pooling type other than max or mean)
     */
    static NetworkShape of(MultiLayerConfiguration conf) {
        int last = conf.getConfs().size() - 1;
        List<Integer> hidden = new ArrayList<>();
        List<ConvolutionalLevel> convolutions = new ArrayList<>();
        int[] image = imageOf(conf.getInputPreProcess(0));
        for (int i = 0; i <= last; i++) {
            Layer layer = conf.getConf(i).getLayer();
            if (layer instanceof PredictiveCodingOutputLayer pc) {
                int front = pc.numConvolutionalLevels();
                if (front > 0) {
                    convolutions.addAll(Arrays.asList(pc.getConvolutionalLevels()));
                    // the layer's own input shape, when set; otherwise the one the input type gave the network
                    image = pc.getInputShape() != null ? pc.getInputShape().clone() : image;
                }
                for (int l = front + 1; l < pc.numLevels(); l++) {
                    hidden.add((int) pc.levelSize(l));
                }
            } else if (layer instanceof ConvolutionLayer c) {
                convolutions.add(new ConvolutionalLevel.Builder((int) c.getNOut(), c.getKernelSize()[0],
                        c.getKernelSize()[1]).stride(c.getStride()[0], c.getStride()[1])
                        .padding(c.getPadding()[0], c.getPadding()[1]).build());
                continue;
            } else if (layer instanceof SubsamplingLayer s) {
                poolLast(convolutions, s, i);
                continue;
            }
            if (i < last) {
                hidden.add((int) ((FeedForwardLayer) layer).getNOut());
            }
        }
        int inputs = image != null && !convolutions.isEmpty() ? image[0] * image[1] * image[2]
                : (int) ((FeedForwardLayer) conf.getConf(0).getLayer()).getNIn();
        return new NetworkShape(inputs, hidden.stream().mapToInt(Integer::intValue).toArray(),
                (int) ((FeedForwardLayer) conf.getConf(last).getLayer()).getNOut(),
                convolutions.isEmpty() ? null : image, convolutions.toArray(new ConvolutionalLevel[0]));
    }

    /** @return {channels, height, width} of a flat input reshaped into images, or null */
    private static int[] imageOf(InputPreProcessor pre) {
        if (pre instanceof FeedForwardToCnnPreProcessor cnn) {
            return new int[] {(int) cnn.getNumChannels(), (int) cnn.getInputHeight(), (int) cnn.getInputWidth()};
        }
        return null;
    }

    private static void poolLast(List<ConvolutionalLevel> convolutions, SubsamplingLayer s, int index) {
        if (convolutions.isEmpty()) {
            throw new IllegalArgumentException("layer " + index + " pools, but no convolution is below it");
        }
        ConvolutionalLevel level = convolutions.get(convolutions.size() - 1);
        if (s.getPoolingType() == PoolingType.MAX) {
            level.setPooling(ConvolutionalLevel.Pooling.MAX);
        } else if (s.getPoolingType() == PoolingType.AVG) {
            level.setPooling(ConvolutionalLevel.Pooling.AVG);
        } else {
            throw new IllegalArgumentException("layer " + index + " pools by " + s.getPoolingType()
                    + "; a network shape has max or mean pooling only");
        }
        level.setPoolingSize(s.getKernelSize().clone());
        level.setPoolingStride(s.getStride().clone());
    }
}
