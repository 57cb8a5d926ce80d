package org.precis.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.TaskCompletionListener;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A test hook that sends each worker's whole parameter vector, as it stands when the worker's task ends (what the
 * worker returns for averaging), to the driver: an independent record to check the averaging against.
 */
public final class FinalParamsRecorder implements TrainingHook {

    private static final long serialVersionUID = 1L;

    private final CollectionAccumulator<double[]> finalParams;
    private transient Model seen;

    /** @param finalParams registered on the driver; receives one vector per worker task */
    public FinalParamsRecorder(CollectionAccumulator<double[]> finalParams) {
        this.finalParams = finalParams;
    }

    private void watch(Model model) {
        if (model == seen) {
            return;
        }
        seen = model;
        TaskContext.get().addTaskCompletionListener(new TaskCompletionListener() {
            @Override
            public void onTaskCompletion(TaskContext context) {
                finalParams.add(model.params().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup()
                        .data().asDouble());
            }
        });
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        watch(model);
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
        watch(model);
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
    }
}
