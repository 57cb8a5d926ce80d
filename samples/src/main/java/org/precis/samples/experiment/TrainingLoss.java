package org.precis.samples.experiment;

import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.TopEnergy;

/**
 * Names what a network's score measures, so that reports never put two different losses on one axis: softmax
 * cross-entropy (DL4J's output layers, and predictive coding with a categorical top) is not the Gaussian,
 * precision-weighted output energy of predictive coding with a Gaussian top.
 */
public final class TrainingLoss {

    /** Softmax cross-entropy, in nats per example. */
    public static final String CROSS_ENTROPY = "cross-entropy";
    /** The Gaussian output energy of a PC layer: 1/2 e^T Pi e - 1/2 log det Pi per example. */
    public static final String GAUSSIAN_ENERGY = "Gaussian output energy";

    private TrainingLoss() {
    }

    /** @return what {@code net.score()} measures, by the kind of its output layer */
    public static String of(MultiLayerNetwork net) {
        var confs = net.getLayerWiseConfigurations().getConfs();
        Layer output = confs.get(confs.size() - 1).getLayer();
        if (output instanceof PredictiveCodingOutputLayer pc) {
            return pc.getTopEnergy() == TopEnergy.CATEGORICAL ? CROSS_ENTROPY : GAUSSIAN_ENERGY;
        }
        if (output instanceof BaseOutputLayer base) {
            return base.getLossFn() instanceof LossMCXENT || base.getLossFn() instanceof LossNegativeLogLikelihood
                    ? CROSS_ENTROPY : base.getLossFn().name();
        }
        return output.getClass().getSimpleName() + " score";
    }
}
