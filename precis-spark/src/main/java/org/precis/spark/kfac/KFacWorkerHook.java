package org.precis.spark.kfac;

import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.precis.natgrad.KFacTraining;
import org.precis.natgrad.listener.KFacListener;

/**
 * Runs on every Spark worker: attaches K-FAC to the worker's network before its first minibatch of a round (DL4J
 * builds that network afresh from the configuration and the averaged parameters, without K-FAC's layer wrappers and
 * listener), and, under {@link CurvatureSharing#AVERAGED}, restores the round's starting curvature into it and sends
 * the worker's curvature back when its task completes.
 *
 * <p>A network none of whose layers uses the {@code KFac} updater is left alone, so the hook may sit in any
 * training master. {@link KFacTrainingMaster} owns one and sets its per-round state on the driver before each round
 * is serialised to the workers.
 */
public final class KFacWorkerHook implements TrainingHook {

    private static final long serialVersionUID = 1L;

    private final CurvatureSharing sharing;
    private Broadcast<CurvatureSnapshot> startCurvature;
    private CurvatureAccumulator returnedCurvature;
    private LongAccumulator exportNanos;

    private transient Model attachedTo;
    private transient KFacListener listener;

    /** @param sharing where the curvature lives between rounds */
    public KFacWorkerHook(CurvatureSharing sharing) {
        this.sharing = sharing;
    }

    /**
     * Driver side, before a round is sent to the workers.
     *
     * @param start    the curvature every worker starts the round from, or null (first round, or
     *                 {@link CurvatureSharing#PER_ROUND})
     * @param returned where workers add their curvature at the end of the round, or null not to send it
     * @param nanos    where workers add the time spent exporting it, or null
     */
    void beginRound(Broadcast<CurvatureSnapshot> start, CurvatureAccumulator returned, LongAccumulator nanos) {
        this.startCurvature = start;
        this.returnedCurvature = returned;
        this.exportNanos = nanos;
    }

    /** @return where the curvature lives between rounds */
    public CurvatureSharing sharing() {
        return sharing;
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        attachOnce(model);
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
        attachOnce(model);
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
        // The curvature is sent once, when the task completes, not after every minibatch.
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
        // As above.
    }

    private void attachOnce(Model model) {
        if (model == attachedTo) {
            return;
        }
        attachedTo = model;
        listener = null;
        if (!KFacLayers.usesKFac(model)) {
            return;
        }
        listener = model instanceof ComputationGraph graph ? KFacTraining.attach(graph)
                : KFacTraining.attach((MultiLayerNetwork) model);
        if (sharing != CurvatureSharing.AVERAGED) {
            return;
        }
        if (startCurvature != null) {
            startCurvature.value().restoreInto(listener.estimator());
        }
        TaskContext task = TaskContext.get();
        if (task != null && returnedCurvature != null) {
            KFacListener attached = listener;
            task.addTaskCompletionListener(new TaskCompletionListener() {
                @Override
                public void onTaskCompletion(TaskContext context) {
                    long start = System.nanoTime();
                    returnedCurvature.add(CurvatureSnapshot.capture(attached.estimator()));
                    if (exportNanos != null) {
                        exportNanos.add(System.nanoTime() - start);
                    }
                }
            });
        }
    }
}
