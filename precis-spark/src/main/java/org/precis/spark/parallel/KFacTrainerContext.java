package org.precis.spark.parallel;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.deeplearning4j.parallelism.factory.TrainerContext;
import org.deeplearning4j.parallelism.trainer.Trainer;
import org.precis.natgrad.KFacTraining;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.listener.KFacListener;
import org.precis.natgrad.wrap.KFacLayerWrapper;

/**
 * A {@code ParallelWrapper} trainer context that gives every worker thread's replica its own K-FAC (layer wrappers,
 * listener and curvature), so that {@code TrainingMode.AVERAGING} trains K-FAC networks. DL4J's default context
 * rebuilds the replicas from the configuration, without K-FAC, and replaces the listeners of the network trained in
 * thread 0, K-FAC's included: without this context only the updater's momentum would act.
 * <pre>{@code
 * ParallelWrapper wrapper = KFacTrainerContext.build(new ParallelWrapper.Builder<>(net)   // net: .updater(new KFac()),
 *         .workers(2).averagingFrequency(5).trainingMode(ParallelWrapper.TrainingMode.AVERAGING), // not attached
 *         new KFacTrainerContext());
 * wrapper.fit(trainIterator);
 * }</pre>
 * ({@code Builder.trainerFactory} cannot be used: in {@code AVERAGING} mode DL4J's {@code build()} replaces any
 * context by its default one, so {@link #build} installs this one afterwards.)
 *
 * <p>Curvature is per replica, estimated from that thread's own batches, and is not averaged: between averaging
 * rounds a replica keeps its curvature (the replicas live for one {@code fit} call). The network handed to the
 * wrapper (trained by thread 0) keeps its K-FAC across {@code fit} calls; the other replicas are rebuilt by DL4J at
 * each {@code fit} and re-estimate theirs from their first batch. Networks without K-FAC layers train as under the
 * default context. Use one context per wrapper.
 */
public final class KFacTrainerContext implements TrainerContext {

    private final Map<Model, KFacListener> attached = Collections.synchronizedMap(new WeakHashMap<>());
    private final AtomicInteger attachments = new AtomicInteger();

    /**
     * Builds the wrapper and makes it use {@code context} for its worker threads.
     *
     * @param builder a builder in {@code TrainingMode.AVERAGING} (the default); its network must not have K-FAC
     *                attached yet: the context attaches it to every replica
     * @param context a context used by this wrapper only
     * @return the wrapper
     * @throws IllegalArgumentException when K-FAC is already attached to the builder's network
     */
    public static ParallelWrapper build(ParallelWrapper.Builder<?> builder, KFacTrainerContext context) {
        ParallelWrapper wrapper = builder.build();
        try {
            Field field = ParallelWrapper.class.getDeclaredField("trainerContext");
            field.setAccessible(true);
            field.set(wrapper, context);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This DL4J ParallelWrapper has no trainerContext field to set", e);
        }
        return wrapper;
    }

    @Override
    public void init(Model model, Object... args) {
        // A network the user attached K-FAC to already: remember its listener, since thread 0 trains this very
        // network and DL4J replaces its listeners.
        for (TrainingListener listener : listeners(model)) {
            if (listener instanceof KFacListener kfac) {
                attached.put(model, kfac);
            }
        }
    }

    @Override
    public Trainer create(String uuid, int threadId, Model model, int rootDevice, boolean useMDS,
            ParallelWrapper wrapper, WorkspaceMode mode, int averagingFrequency) {
        KFacTrainer trainer = new KFacTrainer(this, uuid + "_thread_" + threadId, threadId, model, wrapper, mode,
                useMDS, averagingFrequency);
        trainer.setName("KFacTrainer thread " + threadId);
        trainer.setDaemon(true);
        return trainer;
    }

    @Override
    public void finalizeRound(Model originalModel, Model... models) {
        // Parameters and updater state are averaged by ParallelWrapper; curvature stays per replica.
    }

    @Override
    public void finalizeTraining(Model originalModel, Model... models) {
        finalizeRound(originalModel, models);
    }

    /**
     * Attaches K-FAC to a replica the first time it is seen and makes sure its listener is among the replica's
     * listeners.
     *
     * @return the replica's K-FAC listener, or null when no layer of the replica uses K-FAC
     */
    KFacListener ensureAttached(Model replica) {
        KFacListener listener;
        synchronized (attached) {
            listener = attached.get(replica);
            if (listener == null) {
                if (!usesKFac(replica)) {
                    return null;
                }
                listener = replica instanceof ComputationGraph graph ? KFacTraining.attach(graph)
                        : KFacTraining.attach((MultiLayerNetwork) replica);
                attached.put(replica, listener);
                attachments.incrementAndGet();
            }
        }
        if (!listeners(replica).contains(listener)) {
            replica.addListeners(listener);
        }
        return listener;
    }

    /**
     * @return the K-FAC listeners of the replicas this context attached (or found) and whose networks are still
     *         referenced, in no particular order
     */
    public List<KFacListener> listeners() {
        synchronized (attached) {
            return List.copyOf(attached.values());
        }
    }

    /** @return how many replicas this context has attached K-FAC to */
    public int attachments() {
        return attachments.get();
    }

    /** @return the K-FAC listener of a replica trained by this context, or null */
    public KFacListener listenerOf(Model replica) {
        return attached.get(replica);
    }

    private static boolean usesKFac(Model model) {
        Layer[] layers = model instanceof ComputationGraph graph ? graph.getLayers()
                : ((MultiLayerNetwork) model).getLayers();
        for (Layer layer : layers) {
            if (layer instanceof KFacLayerWrapper) {
                throw new IllegalArgumentException("K-FAC is already attached to this network, and ParallelWrapper "
                        + "moved its listener to the wrapper; hand ParallelWrapper the network without "
                        + "KFacTraining.attach: KFacTrainerContext attaches K-FAC to every replica");
            }
            if (layer.conf().getLayer() instanceof BaseLayer base && base.getIUpdater() instanceof KFac) {
                return true;
            }
        }
        return false;
    }

    private static Collection<TrainingListener> listeners(Model model) {
        Collection<TrainingListener> listeners = model instanceof ComputationGraph graph ? graph.getListeners()
                : ((MultiLayerNetwork) model).getListeners();
        return listeners == null ? List.of() : listeners;
    }
}
