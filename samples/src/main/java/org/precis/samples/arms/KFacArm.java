package org.precis.samples.arms;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.precis.natgrad.KFacTraining;
import org.precis.natgrad.config.KFac;

/**
 * Backpropagation with the K-FAC natural-gradient optimizer of {@code dl4j-natgrad}: the same network as the
 * backprop arms, adopted exactly as a user would, by swapping the updater for {@link KFac} and calling
 * {@link KFacTraining#attach}.
 */
public final class KFacArm implements Arm {

    /** The command-line name of the standard K-FAC arm. */
    public static final String NAME = "kfac";

    /** The command-line name of the arm with K-FAC's adaptive mode. */
    public static final String ADAPTIVE_NAME = "kfac-adaptive";

    private final String name;
    private final KFac updater;

    /**
     * @param name    the arm's command-line name ({@value #NAME} for the standard arm)
     * @param updater the K-FAC hyperparameters (copied for every network)
     */
    public KFacArm(String name, KFac updater) {
        this.name = name;
        this.updater = updater;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        if (updater.isAdaptive()) {
            return "backpropagation, adaptive K-FAC (damping from " + updater.getDamping() + " by the "
                    + "Levenberg-Marquardt rule, learning rate and momentum from the quadratic model; factors every "
                    + updater.getCurvatureUpdatePeriod() + " steps, inverses every " + updater.getInverseUpdatePeriod()
                    + ")";
        }
        return "backpropagation, K-FAC natural gradient (lr " + updater.getLearningRate() + ", damping "
                + updater.getDamping() + ", factors every " + updater.getCurvatureUpdatePeriod()
                + " steps, inverses every " + updater.getInverseUpdatePeriod() + ")";
    }

    @Override
    public Map<String, Object> hyperparameters() {
        Map<String, Object> h = new LinkedHashMap<>(new BackpropArm(name, "", updater::clone).hyperparameters());
        h.put("updater", updater.toString());
        return h;
    }

    @Override
    public MultiLayerNetwork createNetwork(NetworkShape shape, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(BackpropArm.configuration(shape, seed, updater.clone()));
        net.init();
        KFacTraining.attach(net);
        return net;
    }
}
