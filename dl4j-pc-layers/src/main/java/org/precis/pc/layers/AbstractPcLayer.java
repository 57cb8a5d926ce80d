package org.precis.pc.layers;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.natgrad.blocks.FiniteValues;
import org.precis.pc.conf.RelaxationLayer;
import org.precis.pc.params.ParamKind;
import org.precis.pc.params.PcParamInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both predictive-coding layer implementations share around the {@link Relaxation} engine: buffers by batch
 * size, input checks, the projection of precisions after each update, and the introspection of {@link PcLayer}.
 *
 * @param <C> the layer's configuration
 */
abstract class AbstractPcLayer<C extends RelaxationLayer> extends BaseLayer<C> implements PcLayer {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AbstractPcLayer.class);
    /** Batch sizes whose buffers are kept (training, last batch of an epoch, evaluation, one spare). */
    private static final int CACHED_BATCH_SIZES = 4;

    /**
     * Buffers by batch size, most recently used last: an epoch's short last batch and evaluation batches then do
     * not force reallocating the training batch's buffers.
     */
    private transient Map<Long, Relaxation> buffers;
    private transient Wiring wiring;
    /** One precision per level, to project and read the parameters (separate from any batch's buffers). */
    private transient Precision[] precisions;
    /** Buffers of the last relaxation, for statistics. */
    private transient Relaxation lastRelaxed;
    /** Names of the counts in {@link #countsState()}. */
    static final String RELAXATIONS = "relaxations";
    static final String RELAXATION_STEPS = "relaxationSteps";
    static final String ENERGY_RISES = "energyRises";

    private long relaxations;
    private long relaxationSteps;
    private long energyRises;
    private boolean warnedEnergyRose;

    AbstractPcLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** @return the wiring of this layer's hierarchy, built from its configuration */
    abstract Wiring createWiring();

    final Wiring wiring() {
        if (wiring == null) {
            wiring = createWiring();
        }
        return wiring;
    }

    /** @return the engine's buffers for {@code batch} rows, from the cache or new */
    final Relaxation relaxation(long batch) {
        if (buffers == null) {
            buffers = new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Relaxation> eldest) {
                    return size() > CACHED_BATCH_SIZES;
                }
            };
        }
        return buffers.computeIfAbsent(batch, n -> new Relaxation(wiring(), layerConf(), n, dataType));
    }

    /**
     * Rows per pass of a feed-forward inference of {@code batch} rows: the largest batch size below it that already
     * has buffers (usually the training batch), so that evaluating in large batches reuses them instead of allocating
     * buffers for every row at once (a convolutional hierarchy's take about 1.5 MB per row); {@code batch} itself when
     * none is smaller.
     *
     * @param batch rows of the inference
     * @return rows per pass, at most {@code batch}
     */
    final long inferenceRows(long batch) {
        long rows = 0;
        if (buffers != null) {
            for (long cached : buffers.keySet()) {
                if (cached < batch && cached > rows) {
                    rows = cached;
                }
            }
        }
        return rows == 0 ? batch : rows;
    }

    /** @return the batch sizes whose buffers are kept, in no particular order (for tests) */
    final Set<Long> cachedBatchSizes() {
        return buffers == null ? Set.of() : Set.copyOf(buffers.keySet());
    }

    /**
     * Records a finished relaxation: its trace for {@link #lastEnergyTrace()}, its steps and energy rises for the
     * counts; the first rise is logged once per layer.
     */
    final void relaxed(Relaxation r) {
        lastRelaxed = r;
        relaxations++;
        relaxationSteps += r.stepsTaken();
        energyRises += r.rises();
        if (r.rises() > 0 && !warnedEnergyRose) {
            warnedEnergyRose = true;
            LOG.warn("Relaxation raised the energy in {} of its {} steps in {}: relaxation is unstable; lower the"
                    + " stateRate or set a stepBound in (0, 1) (warned once; PcLayer.energyRises() counts them)",
                    r.rises(), r.stepsTaken(), layerId());
        }
    }

    @Override
    public long relaxations() {
        return relaxations;
    }

    @Override
    public long relaxationSteps() {
        return relaxationSteps;
    }

    @Override
    public long energyRises() {
        return energyRises;
    }

    /** @return {@link #relaxations()}, {@link #relaxationSteps()} and {@link #energyRises()} by name, for checkpoints */
    final Map<String, INDArray> countsState() {
        Map<String, INDArray> state = new LinkedHashMap<>();
        state.put(RELAXATIONS, Nd4j.scalar(DataType.LONG, relaxations));
        state.put(RELAXATION_STEPS, Nd4j.scalar(DataType.LONG, relaxationSteps));
        state.put(ENERGY_RISES, Nd4j.scalar(DataType.LONG, energyRises));
        return state;
    }

    /** Restores counts saved by {@link #countsState()}; absent ones start from 0. */
    final void restoreCounts(Map<String, INDArray> state) {
        relaxations = count(state, RELAXATIONS);
        relaxationSteps = count(state, RELAXATION_STEPS);
        energyRises = count(state, ENERGY_RISES);
    }

    private static long count(Map<String, INDArray> state, String key) {
        INDArray saved = state.get(key);
        return saved == null ? 0 : saved.getLong(0);
    }

    @Override
    public void resetRelaxationCounts() {
        relaxations = 0;
        relaxationSteps = 0;
        energyRises = 0;
    }

    /**
     * The features as the hierarchy reads them: cast to the network data type, checked for shape and finiteness.
     *
     * @param features layer input (not modified)
     * @return the input in the network data type
     * @throws DL4JInvalidInputException naming this layer, for a mask, a wrong shape or a non-finite value
     */
    final INDArray checkedFeatures(INDArray features) {
        if (maskArray != null) {
            throw new DL4JInvalidInputException("Mask arrays are not supported " + layerId());
        }
        INDArray in = features.castTo(dataType);
        long nIn = layerConf().getNIn();
        if (in.rank() != 2 || in.size(1) != nIn) {
            throw new DL4JInvalidInputException("Invalid feature shape " + Arrays.toString(in.shape())
                    + ": expected [minibatch, " + nIn + "] " + layerId());
        }
        if (!FiniteValues.all(in)) {
            throw new DL4JInvalidInputException("Features contain NaN or infinite values " + layerId());
        }
        return in;
    }

    private Precision precision(int level) {
        if (precisions == null) {
            Wiring wr = wiring();
            precisions = new Precision[wr.top() + 1];
            for (int l = wr.firstErrorLevel(); l <= wr.top(); l++) {
                precisions[l] = wr.precision(l, layerConf(), DataType.DOUBLE);
            }
        }
        return precisions[level];
    }

    /** Projects the precision parameters into the variance floor and ceiling after each update. */
    @Override
    public void applyConstraints(int iteration, int epoch) {
        super.applyConstraints(iteration, epoch);
        C c = layerConf();
        for (int l = firstErrorLevel(); l <= topLevel(); l++) {
            String key = wiring().level(l).paramKey();
            if (key != null) {
                precision(l).project(getParam(key), c.getVarianceFloor(), c.getVarianceCeiling());
            }
        }
    }

    @Override
    public final int firstErrorLevel() {
        return wiring().firstErrorLevel();
    }

    @Override
    public final int topLevel() {
        return wiring().top();
    }

    @Override
    public double[][] lastEnergyTrace() {
        if (lastRelaxed == null) {
            return new double[0][];
        }
        double[][] full = lastRelaxed.trace();
        double[][] out = new double[lastRelaxed.stepsTaken() + 1][];
        for (int t = 0; t < out.length; t++) {
            out[t] = full[t].clone();
        }
        return out;
    }

    @Override
    public double[] currentVariances(int level) {
        if (level < firstErrorLevel() || level > topLevel()) {
            throw new IllegalArgumentException("Level must lie in [" + firstErrorLevel() + ", " + topLevel()
                    + "], got " + level + " " + layerId());
        }
        String key = wiring().level(level).paramKey();
        return precision(level).variances(key == null ? null : getParam(key));
    }

    /**
     * The gradient views as a DL4J {@link Gradient}, keyed like the parameters, after they were written; also
     * stored as the layer's gradient.
     *
     * @return the gradient (views, not copies)
     */
    final Gradient gradientOfViews() {
        Gradient grad = new DefaultGradient(gradientsFlattened);
        for (Map.Entry<String, INDArray> entry : gradientViews.entrySet()) {
            grad.gradientForVariable().put(entry.getKey(), entry.getValue());
        }
        this.gradient = grad;
        return grad;
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activate(training, workspaceMgr);
    }

    /** @return buffers of the last relaxation, or null before the first */
    final Relaxation lastRelaxed() {
        return lastRelaxed;
    }

    /** Also hands the listeners to the pretraining solver, which DL4J creates once and would otherwise keep. */
    @Override
    public void setListeners(Collection<TrainingListener> listeners) {
        super.setListeners(listeners);
        if (solver != null) {
            solver.setListeners(getListeners());
        }
    }

    /** Also hands the listeners to the pretraining solver, which DL4J creates once and would otherwise keep. */
    @Override
    public void setListeners(TrainingListener... listeners) {
        super.setListeners(listeners);
        if (solver != null) {
            solver.setListeners(getListeners());
        }
    }

    @Override
    public boolean hasBias() {
        return true;
    }

    /** Running error moments are written as S - S_new, an update to apply as it stands, not a summed gradient. */
    @Override
    public boolean updaterDivideByMinibatch(String paramName) {
        return PcParamInitializer.kindOf(layerConf(), paramName) != ParamKind.ERROR_MOMENT;
    }
}
