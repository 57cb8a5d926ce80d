package org.precis.natgrad.listener;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;

/**
 * Collects K-FAC's {@link KFacStepStatistics} (damping, learning rate, momentum, reduction ratio) after every
 * training iteration of a network that K-FAC is attached to, the way DL4J's {@code ScoreIterationListener} reports
 * scores:
 * <pre>{@code
 * KFacTraining.attach(net);
 * KFacStatisticsListener statistics = new KFacStatisticsListener();
 * net.addListeners(statistics);
 * net.fit(train, epochs);
 * statistics.steps();                   // one entry per iteration
 * }</pre>
 * Keeps every step in memory (eight numbers each); pass a consumer instead to stream them.
 */
public class KFacStatisticsListener extends BaseTrainingListener {

    private final List<KFacStepStatistics> steps = new ArrayList<>();
    private final transient BiConsumer<Integer, KFacStepStatistics> consumer;

    /** Keeps every step; read them with {@link #steps()}. */
    public KFacStatisticsListener() {
        this.consumer = null;
    }

    /**
     * @param consumer receives the DL4J iteration number and the step's statistics after every iteration; nothing
     *                 is kept
     */
    public KFacStatisticsListener(BiConsumer<Integer, KFacStepStatistics> consumer) {
        this.consumer = consumer;
    }

    /** @return the statistics of every iteration so far, oldest first (unmodifiable view) */
    public List<KFacStepStatistics> steps() {
        return Collections.unmodifiableList(steps);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        KFacStepStatistics last = kfacOf(model).lastStep();
        if (last == null) {
            return;
        }
        if (consumer != null) {
            consumer.accept(iteration, last);
        } else {
            steps.add(last);
        }
    }

    private static KFacListener kfacOf(Model model) {
        Collection<TrainingListener> listeners = model instanceof MultiLayerNetwork net ? net.getListeners()
                : model instanceof ComputationGraph graph ? graph.getListeners() : List.of();
        for (TrainingListener listener : listeners) {
            if (listener instanceof KFacListener kfac && kfac.isAttachedTo(model)) {
                return kfac;
            }
        }
        throw new IllegalStateException("KFacStatisticsListener: no K-FAC attached to this network; call "
                + "KFacTraining.attach(net) first");
    }
}
