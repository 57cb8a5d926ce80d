package org.precis.spark.parallel;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.deeplearning4j.parallelism.trainer.DefaultTrainer;

/**
 * DL4J's averaging worker thread, with K-FAC attached to its replica once DL4J has built it and set its listeners
 * (see {@link KFacTrainerContext}).
 */
final class KFacTrainer extends DefaultTrainer {

    private final transient KFacTrainerContext context;

    KFacTrainer(KFacTrainerContext context, String uuid, int threadId, Model model, ParallelWrapper wrapper,
            WorkspaceMode mode, boolean useMDS, int averagingFrequency) {
        this.context = context;
        this.uuid = uuid;
        this.threadId = threadId;
        this.originalModel = model;
        this.replicatedModel = model;
        this.parallelWrapper = wrapper;
        this.workspaceMode = mode;
        this.useMDS = useMDS;
        this.averagingFrequency = averagingFrequency;
        // DefaultTrainer's builder defaults, which its no-argument constructor does not set.
        this.queue = new LinkedBlockingQueue<>(1);
        this.queueMDS = new LinkedBlockingQueue<>(1);
        this.running = new AtomicInteger(0);
        this.shouldUpdate = new AtomicBoolean(false);
        this.shouldStop = new AtomicBoolean(false);
        this.isStopped = new AtomicBoolean(false);
        this.nullMode = new AtomicBoolean(false);
        this.lastEtlTime = new AtomicLong(0);
    }

    @Override
    protected void postInit() {
        super.postInit();
        context.ensureAttached(replicatedModel);
    }
}
