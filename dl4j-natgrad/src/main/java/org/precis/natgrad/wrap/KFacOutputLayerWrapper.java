package org.precis.natgrad.wrap;

import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.precis.natgrad.estimator.KFacEstimator;
import org.precis.natgrad.estimator.LayerCurvature;

/**
 * Wraps a DL4J {@code OutputLayer} (softmax + cross-entropy, or identity + MSE): the per-example gradient at the
 * pre-activations comes from the layer's own loss function, with the training labels or with labels sampled from
 * the layer's predictive distribution. Everything else, {@link IOutputLayer} included, is delegated.
 */
public class KFacOutputLayerWrapper extends KFacLayerWrapper implements IOutputLayer {

    /**
     * @param underlying the output layer to wrap; must implement {@link IOutputLayer}
     * @param curvature  where the statistics go
     * @param estimator  says when to record and which Fisher type
     */
    public KFacOutputLayerWrapper(Layer underlying, LayerCurvature curvature, KFacEstimator estimator) {
        super(underlying, curvature, estimator);
    }

    private IOutputLayer output() {
        return (IOutputLayer) underlying;
    }

    private BaseOutputLayer outputConf() {
        return (BaseOutputLayer) underlying.conf().getLayer();
    }

    @Override
    protected INDArray empiricalOutputGradient(INDArray preActivation, INDArray epsilon) {
        return lossGradient(getLabels().castTo(preActivation.dataType()), preActivation);
    }

    @Override
    protected INDArray sampledOutputGradient(INDArray preActivation) {
        INDArray prediction = outputConf().getActivationFn().getActivation(preActivation.dup(), true);
        INDArray labels = outputConf().getActivationFn() instanceof ActivationSoftmax
                ? PredictiveSampler.sampleCategorical(prediction, Nd4j.getRandom())
                : PredictiveSampler.sampleGaussianForMse(prediction, Nd4j.getRandom());
        return lossGradient(labels, preActivation);
    }

    private INDArray lossGradient(INDArray labels, INDArray preActivation) {
        ILossFunction loss = outputConf().getLossFn();
        return loss.computeGradient(labels, preActivation, outputConf().getActivationFn(), underlying.getMaskArray());
    }

    /**
     * @return false: an output layer's {@code delta} comes from its loss function, which a softmax cross-entropy
     *         computes without calling the activation's backward pass, so it cannot be captured there (and a narrow
     *         output layer is cheaper to precondition from its gradient anyway)
     */
    @Override
    protected boolean recordsGradientFactors() {
        return false;
    }

    @Override
    public boolean needsLabels() {
        return output().needsLabels();
    }

    @Override
    public void setLabels(INDArray labels) {
        output().setLabels(labels);
    }

    @Override
    public INDArray getLabels() {
        return output().getLabels();
    }

    @Override
    public double computeScore(double fullNetworkRegScore, boolean training, LayerWorkspaceMgr workspaceMgr) {
        return output().computeScore(fullNetworkRegScore, training, workspaceMgr);
    }

    @Override
    public INDArray computeScoreForExamples(double fullNetworkRegScore, LayerWorkspaceMgr workspaceMgr) {
        return output().computeScoreForExamples(fullNetworkRegScore, workspaceMgr);
    }

    @Override
    public double f1Score(DataSet data) {
        return output().f1Score(data);
    }

    @Override
    public double f1Score(INDArray examples, INDArray labels) {
        return output().f1Score(examples, labels);
    }

    @Override
    public int numLabels() {
        return output().numLabels();
    }

    @Override
    public void fit(DataSetIterator iter) {
        output().fit(iter);
    }

    @Override
    public int[] predict(INDArray examples) {
        return output().predict(examples);
    }

    @Override
    public List<String> predict(DataSet dataSet) {
        return output().predict(dataSet);
    }

    @Override
    public void fit(INDArray examples, INDArray labels) {
        output().fit(examples, labels);
    }

    @Override
    public void fit(DataSet data) {
        output().fit(data);
    }

    @Override
    public void fit(INDArray examples, int[] labels) {
        output().fit(examples, labels);
    }
}
