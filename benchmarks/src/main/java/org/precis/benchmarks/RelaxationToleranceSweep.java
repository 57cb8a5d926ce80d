package org.precis.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.precis.data.ShuffledDataSetIterator;
import org.precis.data.TrainTestData;
import org.precis.data.fashion.FashionMnist;
import org.precis.pc.conf.RelaxationLayer;
import org.precis.pc.layers.PcLayer;
import org.precis.samples.arms.Arm;
import org.precis.samples.arms.Arms;
import org.precis.samples.arms.NetworkShape;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Test accuracy against the relaxation steps actually used: one PC arm of {@code compare} (784-256-256-10, batch
 * 128, Fashion-MNIST) trained once per early-stop tolerance of its relaxation (and per state rate, with
 * {@code --state-rates}: a larger rate converges in fewer steps, still capped by the arm's step bound, and per step
 * limit T with {@code --steps}), from the same initial weights and in the same data order. The networks train in
 * turns, one epoch each, so their seconds per epoch are taken under the same load and their ratio to the first
 * network's means something on a shared machine.
 *
 * <p>A tolerance stops relaxation once a step lowers the energy by less than that fraction of its value, never on a
 * step that raised it (see {@link RelaxationLayer#getTolerance()}); 0 always takes the arm's T steps. Prints one line
 * per network and epoch and a Markdown table at the end:
 *
 * <pre>
 * OMP_NUM_THREADS=1 java -Xmx2g -cp 'benchmarks/target/precis-benchmarks.jar:benchmarks/target/lib/*' \
 *     org.precis.benchmarks.RelaxationToleranceSweep --tolerances 0,1e-3,1e-2 --epochs 1
 * </pre>
 */
@Command(name = "RelaxationToleranceSweep", mixinStandardHelpOptions = true,
        description = "Test accuracy against relaxation steps used, per state rate, step limit and early-stop tolerance"
                + " of a PC arm.")
public final class RelaxationToleranceSweep implements Callable<Integer> {

    private static final int BATCH = 128;
    private static final int EVALUATION_BATCH = 1000;

    @Option(names = "--arm", defaultValue = "pc",
            description = "PC arm of compare to train (default: ${DEFAULT-VALUE})")
    private String armName;

    @Option(names = "--tolerances", split = ",", defaultValue = "0,1e-3,1e-2",
            description = "early-stop tolerances, each >= 0 (default: ${DEFAULT-VALUE})")
    private double[] tolerances;

    @Option(names = "--state-rates", split = ",",
            description = "state rates to cross with the tolerances, each > 0 (default: the arm's own)")
    private double[] stateRates;

    @Option(names = "--steps", split = ",",
            description = "relaxation step limits T to cross with the rest, each >= 1 (default: the arm's own)")
    private int[] stepLimits;

    @Option(names = "--epochs", defaultValue = "1", description = "epochs per network (default: ${DEFAULT-VALUE})")
    private int epochs;

    @Option(names = "--train-limit", defaultValue = "60000",
            description = "training examples used, the first N (default: ${DEFAULT-VALUE})")
    private int trainLimit;

    @Option(names = "--seed", defaultValue = "1", description = "weights and data order (default: ${DEFAULT-VALUE})")
    private long seed;

    /** @param args command-line options; {@code --help} lists them */
    public static void main(String[] args) {
        System.exit(new CommandLine(new RelaxationToleranceSweep()).execute(args));
    }

    @Override
    public Integer call() {
        for (double t : tolerances) {
            if (!(t >= 0) || Double.isInfinite(t)) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--tolerances: every tolerance must be a finite number >= 0, got " + t);
            }
        }
        if (epochs < 1 || trainLimit < BATCH) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--epochs must be >= 1 and --train-limit >= " + BATCH);
        }
        if (stateRates != null) {
            for (double r : stateRates) {
                if (!(r > 0) || Double.isInfinite(r)) {
                    throw new CommandLine.ParameterException(new CommandLine(this),
                            "--state-rates: every state rate must be a finite number > 0, got " + r);
                }
            }
        }
        if (stepLimits != null && Arrays.stream(stepLimits).anyMatch(t -> t < 1)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--steps: every limit must be >= 1");
        }
        Arm arm = Arms.byName(armName);
        TrainTestData data = FashionMnist.load().limitTrain(trainLimit);
        NetworkShape shape = new NetworkShape(data.numFeatures(), new int[] {256, 256}, data.numClasses());
        double[] rates = stateRates != null ? stateRates
                : new double[] {pcLayerConf(arm.createNetwork(shape, seed)).getStateRate()};
        int[] limits = stepLimits != null ? stepLimits
                : new int[] {pcLayerConf(arm.createNetwork(shape, seed)).getRelaxationSteps()};
        int perRate = limits.length * tolerances.length;
        int n = rates.length * perRate;
        MultiLayerNetwork[] nets = new MultiLayerNetwork[n];
        ShuffledDataSetIterator[] orders = new ShuffledDataSetIterator[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            double rate = rates[i / perRate];
            int limit = limits[i % perRate / tolerances.length];
            double tolerance = tolerances[i % tolerances.length];
            nets[i] = arm.createNetwork(shape, seed);
            pcLayerConf(nets[i]).setStateRate(rate);
            pcLayerConf(nets[i]).setRelaxationSteps(limit);
            pcLayerConf(nets[i]).setTolerance(tolerance);
            orders[i] = new ShuffledDataSetIterator(data.train(), BATCH, true, seed);
            labels[i] = "| " + rate + " | " + limit + " | " + tolerance;
        }
        double[] seconds = new double[n];
        double[] accuracy = new double[n];
        double[] stepsPerBatch = new double[n];
        long[] rises = new long[n];
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (int i = 0; i < n; i++) {
                PcLayer pc = (PcLayer) nets[i].getLayer(0);
                long relaxations = pc.relaxations();
                long steps = pc.relaxationSteps();
                long start = System.nanoTime();
                nets[i].fit(orders[i]);
                seconds[i] = (System.nanoTime() - start) / 1e9;
                stepsPerBatch[i] = (double) (pc.relaxationSteps() - steps) / (pc.relaxations() - relaxations);
                rises[i] = pc.energyRises();
                accuracy[i] = nets[i].evaluate(new ShuffledDataSetIterator(data.test(), EVALUATION_BATCH, false, 0))
                        .accuracy();
                System.out.printf(Locale.ROOT, "epoch %d  state rate, T, tolerance %-18s  test accuracy %.4f"
                        + "  steps/batch %5.2f  energy rises %d  %.2f s%n", epoch, labels[i].substring(2),
                        accuracy[i], stepsPerBatch[i], rises[i], seconds[i]);
            }
        }
        System.out.printf(Locale.ROOT, "%n%s, %d epoch(s), %d training examples, seed %d; last epoch:%n%n", armName,
                epochs, data.train().numExamples(), seed);
        System.out.println("| state rate | T | tolerance | test accuracy | relaxation steps per batch | energy rises"
                + " | s/epoch | s/epoch / first network's |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < n; i++) {
            System.out.printf(Locale.ROOT, "%s | %.4f | %.2f | %d | %.2f | %.2f |%n", labels[i], accuracy[i],
                    stepsPerBatch[i], rises[i], seconds[i], seconds[i] / seconds[0]);
        }
        return 0;
    }

    private static RelaxationLayer pcLayerConf(MultiLayerNetwork net) {
        if (net.getnLayers() != 1 || !(net.getLayer(0).conf().getLayer() instanceof RelaxationLayer layer)) {
            throw new IllegalArgumentException("--arm must name a PC arm (one predictive-coding layer)");
        }
        return layer;
    }
}
