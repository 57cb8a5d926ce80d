package org.precis.natgrad.config;

import java.util.Collections;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * Worker of {@link KFac}: turns the (natural) gradient into the step in place, {@code v <- mu v + lr gradient},
 * {@code gradient <- v} (DL4J then subtracts it from the parameters). With momentum 0 it is plain SGD, so a layer
 * that K-FAC does not precondition trains with SGD at the same learning rate.
 *
 * <p>In adaptive mode the gradient it receives already is the whole step (learning rate and momentum chosen by the
 * quadratic model), so it is left unchanged and only remembered: {@code v <- gradient}. In both modes the state
 * {@code v} is the last amount subtracted from the parameters.
 *
 * <p>It refuses to step (with an {@link IllegalStateException}) unless K-FAC's listener has run for the same
 * iteration: a network whose configuration says {@code KFac} but that was never attached, or whose listeners were
 * replaced, would otherwise train as SGD with momentum without a word.
 */
public class KFacUpdater implements GradientUpdater<KFac> {

    /** Key of the momentum state in {@link #getState()}. */
    public static final String VELOCITY = "V";

    private final KFac config;
    private INDArray velocity;

    /** @param config the configuration this worker reads its hyperparameters from */
    public KFacUpdater(KFac config) {
        this.config = config;
    }

    @Override
    public KFac getConfig() {
        return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        if (!stateMap.containsKey(VELOCITY) || stateMap.size() != 1) {
            throw new IllegalStateException(
                    "KFac state must hold exactly [" + VELOCITY + "], got " + stateMap.keySet());
        }
        velocity = stateMap.get(VELOCITY);
        if (initialize) {
            velocity.assign(0);
        }
    }

    @Override
    public Map<String, INDArray> getState() {
        return Collections.singletonMap(VELOCITY, velocity);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        if (initialize) {
            viewArray.assign(0);
        }
        velocity = Shape.newShapeNoCopy(viewArray, gradientShape, gradientOrder == 'f');
        if (velocity == null) {
            throw new IllegalStateException("Could not reshape the KFac state view to the gradient's shape");
        }
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (velocity == null) {
            throw new IllegalStateException("KFac updater used before its state was set");
        }
        if (!config.isPreconditioned(iteration)) {
            throw new IllegalStateException("K-FAC: the KFac updater is stepping without K-FAC's curvature (iteration "
                    + iteration + "), so it would train as plain SGD with momentum. Call KFacTraining.attach(net) "
                    + "once after net.init(), and add listeners with net.addListeners(...): setListeners(...) "
                    + "removes K-FAC's listener.");
        }
        if (config.isAdaptive()) {
            velocity.reshape(gradient.shape()).assign(gradient);
            return;
        }
        gradient.muli(config.getLearningRate(iteration, epoch));
        double momentum = config.getMomentum();
        if (momentum == 0.0) {
            return;
        }
        INDArray v = velocity.reshape(gradient.shape());
        v.muli(momentum).addi(gradient);
        gradient.assign(v);
    }
}
