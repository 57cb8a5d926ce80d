package org.precis.benchmarks;

import java.util.concurrent.TimeUnit;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;
import org.precis.samples.arms.Arms;
import org.precis.samples.arms.BackpropArm;
import org.precis.samples.arms.NetworkShape;

/**
 * The {@code bp-sgd} network (784-256-256-10, batch 128) under the settings DL4J offers that could change its speed:
 * training workspace mode, data type, and the memory layout of the input batch; milliseconds per training step,
 * averaged over {@value #STEPS} steps from a fresh network ({@link FixtureTraining}).
 *
 * <p>Run it twice more with {@code -jvmArgsAppend -Dorg.bytedeco.javacpp.maxPhysicalBytes=0} (JavaCPP then skips
 * reading the process's resident size at every off-heap allocation) and with {@code -jvmArgsAppend
 * -XX:+UseParallelGC} to measure those two JVM settings.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@OperationsPerInvocation(BackpropConfigurationBenchmark.STEPS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class BackpropConfigurationBenchmark extends FixtureTraining {

    /** Training steps per invocation. */
    static final int STEPS = 15;

    private static final NetworkShape SHAPE = new NetworkShape(784, new int[] {256, 256}, 10);

    /** DL4J's training workspace mode: ENABLED (the default) reuses memory between steps, NONE allocates. */
    @Param({"ENABLED", "NONE"})
    public WorkspaceMode workspaceMode;

    /** Data type of the network and the batches. */
    @Param({"FLOAT", "DOUBLE"})
    public DataType dataType;

    /** Memory layout of the feature batches: row-major ({@code c}, as the iterators make them) or column-major. */
    @Param({"c", "f"})
    public char featureOrder;

    /** Casts and lays out the fixture batches. */
    @Override
    protected DataSet[] prepare(DataSet[] fixtureBatches) {
        DataSet[] prepared = new DataSet[fixtureBatches.length];
        for (int i = 0; i < prepared.length; i++) {
            prepared[i] = new DataSet(fixtureBatches[i].getFeatures().castTo(dataType).dup(featureOrder),
                    fixtureBatches[i].getLabels().castTo(dataType));
        }
        return prepared;
    }

    @Override
    protected MultiLayerNetwork createNetwork() {
        MultiLayerConfiguration conf = BackpropArm.configuration(SHAPE, 1, new Sgd(Arms.SGD_LEARNING_RATE));
        conf.setTrainingWorkspaceMode(workspaceMode);
        conf.setDataType(dataType);
        for (int i = 0; i < conf.getConfs().size(); i++) {
            conf.getConf(i).setDataType(dataType);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** {@value #STEPS} training steps. */
    @Benchmark
    public void trainingStep() {
        train(STEPS);
    }
}
