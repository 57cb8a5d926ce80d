package org.precis.spark.kfac;

import java.util.ArrayList;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingWorker;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

/**
 * DL4J's {@link ParameterAveragingTrainingMaster} for networks trained with K-FAC ({@code dl4j-natgrad}): every
 * worker's fresh network gets K-FAC attached before its first minibatch, and the curvature lives where
 * {@link CurvatureSharing} says (default: averaged across workers and carried from round to round, like the
 * parameters). Networks without K-FAC layers (backprop with any updater, predictive-coding layers) train exactly as
 * under the plain master.
 * <pre>{@code
 * ParameterAveragingTrainingMaster.Builder averaging = new ParameterAveragingTrainingMaster.Builder(2, 128)
 *         .batchSizePerWorker(128).averagingFrequency(5).saveUpdater(true);   // saveUpdater: keep K-FAC's momentum
 * KFacTrainingMaster master = new KFacTrainingMaster(averaging, CurvatureSharing.AVERAGED);
 * SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, net, master);       // net: layers with .updater(new KFac())
 * spark.fit(trainingRdd);
 * }</pre>
 *
 * <p>Per round, the driver averages the curvature sent back after the previous round (at the start of the next
 * {@code fit} round or on {@link #curvature()}) and broadcasts it. K-FAC's update periods count from the start of
 * each round: every round's first step updates the factors and recomputes the inverses.
 */
public class KFacTrainingMaster extends ParameterAveragingTrainingMaster {

    @JsonIgnore
    private final transient CurvatureSharing sharing;
    @JsonIgnore
    private final transient KFacWorkerHook hook;
    @JsonIgnore
    private transient CurvatureAccumulator returned;
    @JsonIgnore
    private transient LongAccumulator workerExportNanos;
    @JsonIgnore
    private transient Broadcast<CurvatureSnapshot> broadcast;
    @JsonIgnore
    private transient CurvatureSnapshot averaged;
    @JsonIgnore
    private transient long driverNanos;
    @JsonIgnore
    private transient boolean checked;

    /**
     * @param builder the parameter-averaging settings (workers, batch size per worker, averaging frequency, hooks,
     *                ...); use {@code saveUpdater(true)} so that K-FAC's momentum (and any updater state) is
     *                averaged and carried too
     * @param sharing where the curvature lives between rounds
     */
    public KFacTrainingMaster(Builder builder, CurvatureSharing sharing) {
        super(builder);
        this.sharing = sharing;
        this.hook = new KFacWorkerHook(sharing);
        // Copy: the builder's collection may be immutable, and it must not see this master's hook.
        this.trainingHookList = trainingHookList == null ? new ArrayList<>() : new ArrayList<>(trainingHookList);
        this.trainingHookList.add(hook);
    }

    /** @return whether any layer of {@code model} uses the {@code KFac} updater, i.e. this master attaches K-FAC */
    public boolean usesKFac(Model model) {
        return KFacLayers.usesKFac(model);
    }

    /** @return where the curvature lives between rounds */
    public CurvatureSharing sharing() {
        return sharing;
    }

    /**
     * @return the averaged curvature of the last completed round (the one the next round starts from), or null
     *         before the first round or under {@link CurvatureSharing#PER_ROUND}
     */
    public CurvatureSnapshot curvature() {
        collectReturned();
        return averaged;
    }

    /**
     * @return nanoseconds spent carrying the curvature: on the driver (averaging, broadcasting) and on the workers
     *         (copying it out at the end of their tasks), summed; 0 under {@link CurvatureSharing#PER_ROUND}
     */
    public long curvatureNanos() {
        return driverNanos + (workerExportNanos == null ? 0 : workerExportNanos.value());
    }

    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkDl4jMultiLayer network) {
        beginRound(network.getSparkContext(), network.getNetwork());
        return super.getWorkerInstance(network);
    }

    @Override
    public ParameterAveragingTrainingWorker getWorkerInstance(SparkComputationGraph graph) {
        beginRound(graph.getSparkContext(), graph.getNetwork());
        return super.getWorkerInstance(graph);
    }

    private void beginRound(JavaSparkContext sc, Model model) {
        if (!checked) {
            KFacLayers.requireSupported(model, sharing);
            checked = true;
        }
        if (sharing != CurvatureSharing.AVERAGED || !KFacLayers.usesKFac(model)) {
            hook.beginRound(null, null, null);
            return;
        }
        long start = System.nanoTime();
        if (returned == null) {
            returned = new CurvatureAccumulator();
            sc.sc().register(returned, "K-FAC curvature");
            workerExportNanos = sc.sc().longAccumulator("K-FAC curvature export ns");
        }
        collectReturned();
        if (broadcast != null) {
            broadcast.destroy();
        }
        broadcast = averaged == null ? null : sc.broadcast(averaged);
        hook.beginRound(broadcast, returned, workerExportNanos);
        driverNanos += System.nanoTime() - start;
    }

    /** Folds the curvature returned since the last call into {@link #averaged}. */
    private void collectReturned() {
        if (returned != null && returned.value() != null) {
            long start = System.nanoTime();
            averaged = returned.value().mean();
            returned.reset();
            driverNanos += System.nanoTime() - start;
        }
    }
}
