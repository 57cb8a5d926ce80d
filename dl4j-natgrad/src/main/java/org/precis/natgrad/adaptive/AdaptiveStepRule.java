package org.precis.natgrad.adaptive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.estimator.LayerCurvature;
import org.precis.natgrad.estimator.StepRule;
import org.precis.natgrad.listener.KFacStepStatistics;
import org.precis.natgrad.memory.ScratchMemory;

/**
 * The step of adaptive K-FAC (Martens and Grosse 2015, sections 6.5 and 7), for a {@link MultiLayerNetwork} whose
 * layers are all preconditioned dense layers. Per training step, on the batch DL4J is fitting:
 * <ol>
 *   <li>{@code Delta = -natural gradient} (all layers), {@code delta0} = the previous step (none at first);</li>
 *   <li>the exact Fisher's quadratic forms over {@code {Delta, delta0}} by forward-mode products
 *       ({@link DenseChain}), the weight decay {@code eta} and the gradient {@code g} give the quadratic model
 *       ({@link QuadraticModel});</li>
 *   <li>{@code (alpha, mu)} minimise it with damping {@code lambda}; the step is
 *       {@code delta = alpha Delta + mu delta0}, applied unchanged by the {@code KFac} updater;</li>
 *   <li>on every {@code T1}-th step, {@code rho = (h(theta + delta) - h(theta)) / (M(delta) - M(0))} on the same
 *       batch (one extra forward pass) adapts {@code lambda} ({@link LevenbergMarquardtDamping}); the new damping
 *       enters the quadratic model at once and the curvature inverses at their next refresh.</li>
 * </ol>
 * The cost per step, besides plain K-FAC's: one forward pass and two tangent passes (about five matrix products of
 * the batch per layer), plus one forward pass every {@code T1} steps.
 */
public final class AdaptiveStepRule implements StepRule {

    /** Names in {@link #state()}: the adapted damping, the step counter, and the previous step of layer l. */
    private static final String DAMPING = "damping";
    private static final String STEP = "step";
    private static final String PREVIOUS_STEP = "previousStep.";

    private final MultiLayerNetwork net;
    private final DenseChain chain;
    private final double[] weightDecays;
    private final LevenbergMarquardtDamping damping;
    private List<INDArray> previousStep;
    private long step;
    private KFacStepStatistics last;

    /**
     * @param net    the network, every layer of which is preconditioned, in network order
     * @param layers the network's preconditioned layers, one per network layer, in order; the adaptive options come
     *               from the first one's configuration, the weight decay from each layer's own
     */
    public AdaptiveStepRule(MultiLayerNetwork net, List<LayerCurvature> layers) {
        if (layers.size() != net.getLayers().length) {
            throw new IllegalArgumentException("adaptive K-FAC needs every layer preconditioned: " + layers.size()
                    + " of " + net.getLayers().length + " are");
        }
        this.net = net;
        this.chain = new DenseChain(Arrays.asList(net.getLayers()));
        this.weightDecays = layers.stream().mapToDouble(l -> l.config().getWeightDecay()).toArray();
        KFac c = layers.get(0).config();
        this.damping = new LevenbergMarquardtDamping(c.getDamping(), c.getDampingAdaptationPeriod(),
                c.getDampingDecay(), c.getDampingBoost(), c.getMinDamping(), c.getMaxDamping());
    }

    @Override
    public double damping() {
        return damping.value();
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            state.put(DAMPING, Nd4j.scalar(DataType.DOUBLE, damping.value()));
            state.put(STEP, Nd4j.scalar(DataType.LONG, step));
            if (previousStep != null) {
                for (int l = 0; l < previousStep.size(); l++) {
                    state.put(PREVIOUS_STEP + l, previousStep.get(l).dup());
                }
            }
        }
        return state;
    }

    @Override
    public void restoreState(Map<String, INDArray> state) {
        INDArray savedDamping = state.get(DAMPING);
        if (savedDamping != null) {
            damping.restore(savedDamping.getDouble(0));
        }
        INDArray savedStep = state.get(STEP);
        step = savedStep == null ? 0 : savedStep.getLong(0);
        List<INDArray> previous = new ArrayList<>();
        for (int l = 0; state.containsKey(PREVIOUS_STEP + l); l++) {
            previous.add(ScratchMemory.retain(null, state.get(PREVIOUS_STEP + l)));
        }
        previousStep = previous.isEmpty() ? null : previous;
    }

    /** @return what the last step did, or null before the first */
    public KFacStepStatistics lastStep() {
        return last;
    }

    @Override
    public List<INDArray> steps(List<INDArray> meanGradients, List<INDArray> naturalGradients) {
        INDArray input = net.getInput();
        INDArray labels = net.getLabels();
        if (input == null || labels == null) {
            throw new IllegalStateException("adaptive K-FAC needs the batch's features and labels; train with fit()");
        }
        DenseChain.Pass pass = chain.forward(input, null);
        double loss = chain.loss(pass, labels) + weightDecayPenalty(null);

        List<INDArray> natural = new ArrayList<>(meanGradients.size());
        for (int l = 0; l < meanGradients.size(); l++) {
            INDArray n = naturalGradients.get(l);
            natural.add(n == null ? Nd4j.zerosLike(meanGradients.get(l)) : n.neg());
        }
        List<List<INDArray>> directions = previousStep == null ? List.of(natural) : List.of(natural, previousStep);
        QuadraticModel model = model(pass, meanGradients, directions);
        double lambda = damping.value();
        double[] w = model.minimise(lambda);
        if (!Double.isFinite(w[0]) || (w.length == 2 && !Double.isFinite(w[1]))) {
            throw new ArithmeticException("adaptive K-FAC: the quadratic model has no finite minimum at damping "
                    + lambda + " (coefficients " + Arrays.toString(w) + ")");
        }

        List<INDArray> delta = new ArrayList<>(natural.size());
        for (int l = 0; l < natural.size(); l++) {
            INDArray d = natural.get(l).mul(w[0]);
            if (w.length == 2) {
                d.addi(previousStep.get(l).mul(w[1]));
            }
            delta.add(d);
        }
        double predicted = model.change(w);
        double actual = Double.NaN;
        double rho = Double.NaN;
        if (damping.adaptsAfter(step)) {
            actual = chain.loss(chain.forward(input, delta), labels) + weightDecayPenalty(delta) - loss;
            rho = predicted < 0 ? actual / predicted : Double.NaN;
            damping.adapt(rho);
        }
        last = new KFacStepStatistics(step, lambda, w[0], w.length == 2 ? w[1] : 0.0, loss, predicted, actual, rho);

        List<INDArray> kept = new ArrayList<>(delta.size());
        List<INDArray> updaterInput = new ArrayList<>(delta.size());
        for (int l = 0; l < delta.size(); l++) {
            kept.add(ScratchMemory.retain(previousStep == null ? null : previousStep.get(l), delta.get(l)));
            // DL4J subtracts what the updater returns; the KFac updater returns it unchanged in adaptive mode.
            updaterInput.add(delta.get(l).neg());
        }
        previousStep = kept;
        step++;
        return updaterInput;
    }

    /** The quadratic model over {@code directions} (each one matrix per layer) at the current parameters. */
    private QuadraticModel model(DenseChain.Pass pass, List<INDArray> gradient, List<List<INDArray>> directions) {
        int n = directions.size();
        INDArray[] tangents = new INDArray[n];
        for (int i = 0; i < n; i++) {
            tangents[i] = chain.tangent(pass, directions.get(i));
        }
        double[][] curvature = new double[n][n];
        double[][] gram = new double[n][n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = dot(gradient, directions.get(i), false);
            for (int j = 0; j <= i; j++) {
                double fisher = chain.fisherProduct(pass, tangents[i], tangents[j]);
                curvature[i][j] = fisher + dot(directions.get(i), directions.get(j), true);
                gram[i][j] = dot(directions.get(i), directions.get(j), false);
                curvature[j][i] = curvature[i][j];
                gram[j][i] = gram[i][j];
            }
        }
        return new QuadraticModel(curvature, gram, b);
    }

    /**
     * @param weightDecayOnly when true, the weight rows only, each layer weighted by its weight decay; else the plain
     *                        inner product of all parameters
     * @return the inner product of two per-layer parameter vectors, in double precision
     */
    private double dot(List<INDArray> x, List<INDArray> y, boolean weightDecayOnly) {
        double sum = 0.0;
        for (int l = 0; l < x.size(); l++) {
            if (weightDecayOnly) {
                if (weightDecays[l] > 0.0) {
                    sum += weightDecays[l] * dot(DenseChain.weightRows(x.get(l)), DenseChain.weightRows(y.get(l)));
                }
            } else {
                sum += dot(x.get(l), y.get(l));
            }
        }
        return sum;
    }

    private static double dot(INDArray x, INDArray y) {
        return x.castTo(DataType.DOUBLE).mul(y.castTo(DataType.DOUBLE)).sumNumber().doubleValue();
    }

    /** @return {@code sum_l eta_l / 2 ||W_l + dW_l||^2}, the weight-decay term of the loss, at an offset or none */
    private double weightDecayPenalty(List<INDArray> offsets) {
        double sum = 0.0;
        for (int l = 0; l < weightDecays.length; l++) {
            if (weightDecays[l] > 0.0) {
                INDArray w = chain.weights(l).castTo(DataType.DOUBLE);
                if (offsets != null) {
                    w = w.add(DenseChain.weightRows(offsets.get(l)).castTo(DataType.DOUBLE));
                }
                sum += 0.5 * weightDecays[l] * w.mul(w).sumNumber().doubleValue();
            }
        }
        return sum;
    }
}
