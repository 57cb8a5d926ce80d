package org.precis.samples.arms;

import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * An arm of the convolutional comparison ({@code bp-adam-conv}, {@code kfac-conv}, {@code pc-conv}): the arm it wraps,
 * refusing a shape without a convolutional front ({@code --arch conv}), so that the three always train the same
 * convolutional network.
 */
final class ConvolutionalArm implements Arm {

    private final Arm arm;

    /** @param arm the arm to run on the convolutional architecture only */
    ConvolutionalArm(Arm arm) {
        this.arm = arm;
    }

    @Override
    public String name() {
        return arm.name();
    }

    @Override
    public String description() {
        return arm.description();
    }

    @Override
    public Map<String, Object> hyperparameters() {
        return arm.hyperparameters();
    }

    @Override
    public void checkShape(NetworkShape shape) {
        if (!shape.convolutional()) {
            throw new IllegalArgumentException("arm '" + name() + "' trains the convolutional architecture: run it "
                    + "with --arch conv (got " + shape + ")");
        }
    }

    @Override
    public MultiLayerNetwork createNetwork(NetworkShape shape, long seed) {
        checkShape(shape);
        return arm.createNetwork(shape, seed);
    }

    @Override
    public Map<String, Double> diagnostics(MultiLayerNetwork trained) {
        return arm.diagnostics(trained);
    }
}
