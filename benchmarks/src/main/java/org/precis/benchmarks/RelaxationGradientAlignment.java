package org.precis.benchmarks;

import java.util.Locale;
import java.util.concurrent.Callable;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.precis.data.ShuffledDataSetIterator;
import org.precis.data.TrainTestData;
import org.precis.data.fashion.FashionMnist;
import org.precis.pc.conf.RelaxationLayer;
import org.precis.pc.convert.PcConversions;
import org.precis.pc.params.PcParamInitializer;
import org.precis.samples.arms.Arm;
import org.precis.samples.arms.Arms;
import org.precis.samples.arms.NetworkShape;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How close the PC layer's weight gradients come to backpropagation's after T relaxation steps: the {@code pc} arm
 * of {@code compare} (784-256-256-10, tanh, softmax top) is trained for {@code --epochs}, then for each T the same
 * parameters are relaxed on the same training batches and each level's weight gradient is compared with the
 * gradient backpropagation computes for the same parameters ({@link PcConversions#toStandardNetwork}, softmax and
 * cross-entropy): the cosine of the angle between them and the ratio of their norms, averaged over the batches.
 * Prints a Markdown table.
 *
 * <pre>
 * OMP_NUM_THREADS=1 java -Xmx2g -cp 'benchmarks/target/precis-benchmarks.jar:benchmarks/target/lib/*' \
 *     org.precis.benchmarks.RelaxationGradientAlignment --steps 1,2,5,10,20,50 --epochs 1
 * </pre>
 */
@Command(name = "RelaxationGradientAlignment", mixinStandardHelpOptions = true,
        description = "Cosine and norm ratio of PC's weight gradients to backpropagation's, per relaxation steps T.")
public final class RelaxationGradientAlignment implements Callable<Integer> {

    private static final int BATCH = 128;

    @Option(names = "--steps", split = ",", defaultValue = "1,2,5,10,20,50",
            description = "relaxation step limits T, each >= 1 (default: ${DEFAULT-VALUE})")
    private int[] steps;

    @Option(names = "--epochs", defaultValue = "1",
            description = "epochs of the pc arm (T = 20) before the comparison, >= 0 (default: ${DEFAULT-VALUE})")
    private int epochs;

    @Option(names = "--batches", defaultValue = "20",
            description = "training batches the gradients are compared on (default: ${DEFAULT-VALUE})")
    private int batches;

    @Option(names = "--seed", defaultValue = "1", description = "weights and data order (default: ${DEFAULT-VALUE})")
    private long seed;

    /** @param args command-line options; {@code --help} lists them */
    public static void main(String[] args) {
        System.exit(new CommandLine(new RelaxationGradientAlignment()).execute(args));
    }

    @Override
    public Integer call() {
        if (epochs < 0 || batches < 1 || steps.length == 0 || java.util.Arrays.stream(steps).anyMatch(t -> t < 1)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--epochs must be >= 0, --batches >= 1 and every --steps value >= 1");
        }
        Arm arm = Arms.byName("pc");
        TrainTestData data = FashionMnist.load();
        NetworkShape shape = new NetworkShape(data.numFeatures(), new int[] {256, 256}, data.numClasses());
        MultiLayerNetwork trained = arm.createNetwork(shape, seed);
        for (int e = 0; e < epochs; e++) {
            trained.fit(new ShuffledDataSetIterator(data.train(), BATCH, true, seed));
        }
        INDArray params = trained.params().dup();
        MultiLayerNetwork backprop = PcConversions.toStandardNetwork(trained);
        int levels = backprop.getnLayers();
        DataSet[] sample = new DataSet[batches];
        ShuffledDataSetIterator order = new ShuffledDataSetIterator(data.train(), BATCH, true, seed + 1);
        for (int i = 0; i < batches; i++) {
            sample[i] = order.next();
        }
        INDArray[][] bpGradients = new INDArray[batches][levels];
        for (int i = 0; i < batches; i++) {
            backprop.setInput(sample[i].getFeatures());
            backprop.setLabels(sample[i].getLabels());
            backprop.computeGradientAndScore();
            for (int l = 0; l < levels; l++) {
                bpGradients[i][l] = backprop.gradient().getGradientFor(l + "_W").dup();
            }
        }
        System.out.printf(Locale.ROOT, "%n`pc` arm after %d epoch(s), seed %d, %d training batches of %d%n%n", epochs,
                seed, batches, BATCH);
        StringBuilder header = new StringBuilder("| T |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int l = 1; l <= levels; l++) {
            header.append(" cos W").append(l).append(" | norm ratio W").append(l).append(" |");
            rule.append("---|---|");
        }
        System.out.println(header);
        System.out.println(rule);
        for (int t : steps) {
            MultiLayerConfiguration conf = trained.getLayerWiseConfigurations().clone();
            ((RelaxationLayer) conf.getConf(0).getLayer()).setRelaxationSteps(t);
            MultiLayerNetwork pc = new MultiLayerNetwork(conf);
            pc.init(params.dup(), false);
            double[] cosine = new double[levels];
            double[] ratio = new double[levels];
            for (int i = 0; i < batches; i++) {
                pc.setInput(sample[i].getFeatures());
                pc.setLabels(sample[i].getLabels());
                pc.computeGradientAndScore();
                for (int l = 0; l < levels; l++) {
                    // Both as DL4J hands them to the updater, which divides by the batch size afterwards.
                    INDArray g = pc.getLayer(0).gradient().getGradientFor(PcParamInitializer.weightKey(l + 1));
                    INDArray b = bpGradients[i][l];
                    double gn = g.norm2Number().doubleValue();
                    double bn = b.norm2Number().doubleValue();
                    cosine[l] += g.mul(b).sumNumber().doubleValue() / (gn * bn) / batches;
                    ratio[l] += gn / bn / batches;
                }
            }
            StringBuilder row = new StringBuilder("| " + t + " |");
            for (int l = 0; l < levels; l++) {
                row.append(String.format(Locale.ROOT, " %.3f | %.3f |", cosine[l], ratio[l]));
            }
            System.out.println(row);
        }
        return 0;
    }
}
