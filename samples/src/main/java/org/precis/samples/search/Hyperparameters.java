package org.precis.samples.search;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.precis.natgrad.config.KFac;
import org.precis.pc.conf.PrecisionForm;
import org.precis.pc.conf.PrecisionEstimator;
import org.precis.pc.conf.PredictiveCodingOutputLayer;
import org.precis.pc.conf.WeightPreconditioner;

/**
 * The hyperparameters a search chose, read back from the configuration a candidate was built from: the values
 * the network really trained with, by readable name, for the ranked tables. Only options the search spaces of
 * {@link SearchSpaces} can vary are listed.
 */
final class Hyperparameters {

    private Hyperparameters() {
    }

    /** @return name to value (numbers as numbers, choices as names), in a stable order */
    static Map<String, Object> of(MultiLayerConfiguration configuration) {
        Map<String, Object> h = new LinkedHashMap<>();
        for (NeuralNetConfiguration conf : configuration.getConfs()) {
            Layer layer = conf.getLayer();
            if (layer instanceof BaseLayer base && !h.containsKey("updater")) {
                updater(h, base.getIUpdater());
            }
            if (layer instanceof DenseLayer dense && !h.containsKey("hiddenActivation")) {
                h.put("hiddenActivation", dense.getActivationFn().toString());
                for (Regularization r : dense.getRegularization()) {
                    if (r instanceof L2Regularization l2) {
                        h.put("l2", l2.getL2().valueAt(0, 0));
                    }
                }
            }
            if (layer instanceof PredictiveCodingOutputLayer pc) {
                predictiveCoding(h, pc);
            }
        }
        return h;
    }

    private static void updater(Map<String, Object> h, IUpdater updater) {
        h.put("updater", updater.getClass().getSimpleName());
        if (updater instanceof KFac k) {
            // The adaptive mode chooses learning rate and momentum itself and has no KL clip.
            if (k.isAdaptive()) {
                h.put("adaptive", true);
                h.put("dampingAdaptationPeriod", k.getDampingAdaptationPeriod());
            } else {
                h.put("learningRate", k.getLearningRate());
                h.put("momentum", k.getMomentum());
                h.put("klClip", k.getKlClip());
            }
            h.put("damping", k.getDamping());
            h.put("factorDecay", k.getFactorDecay());
            h.put("curvatureUpdatePeriod", k.getCurvatureUpdatePeriod());
            h.put("inverseUpdatePeriod", k.getInverseUpdatePeriod());
        } else if (updater instanceof Adam a) {
            h.put("learningRate", a.getLearningRate());
        } else if (updater instanceof Nesterovs n) {
            h.put("learningRate", n.getLearningRate());
            h.put("momentum", n.getMomentum());
        } else {
            h.put("learningRate", updater.getLearningRate(0, 0));
        }
    }

    private static void predictiveCoding(Map<String, Object> h, PredictiveCodingOutputLayer pc) {
        h.put("hiddenLayerSizes", Arrays.toString(pc.getHiddenLayerSizes()));
        h.put("hiddenActivation", pc.getHiddenActivations().length == 0 ? "none"
                : pc.getHiddenActivations()[0].toString());
        h.put("topEnergy", pc.getTopEnergy().name());
        h.put("relaxationSteps", pc.getRelaxationSteps());
        h.put("stateRate", pc.getStateRate());
        PrecisionForm[] forms = pc.getPrecisionForms();
        h.put("hiddenPrecision", forms.length > 1 ? forms[0].name() : "none");
        h.put("outputPrecision", forms[forms.length - 1].name());
        if (Arrays.stream(forms).anyMatch(f -> f != PrecisionForm.NONE)) {
            h.put("precisionEstimator", pc.getPrecisionEstimator().name());
            h.put("initialPrecision", pc.getInitialPrecision());
            if (pc.getPrecisionEstimator() == PrecisionEstimator.RUNNING_MOMENTS) {
                h.put("precisionDamping", pc.getPrecisionDamping());
                h.put("precisionDecay", pc.getPrecisionDecay());
            } else {
                h.put("varianceFloor", pc.getVarianceFloor());
            }
        }
        if (pc.getWeightPreconditioner() != WeightPreconditioner.NONE) {
            h.put("weightPreconditioner", pc.getWeightPreconditioner().name());
            h.put("kroneckerDamping", pc.getKroneckerDamping());
            h.put("kroneckerKlClip", pc.getKroneckerKlClip());
        }
    }
}
