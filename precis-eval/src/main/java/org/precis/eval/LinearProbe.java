package org.precis.eval;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.precis.data.ShuffledDataSetIterator;

/**
 * Linear probe of a frozen embedding: multinomial logistic regression (a DL4J softmax {@code OutputLayer} with
 * cross-entropy) trained on training-set embeddings and scored by accuracy on test-set embeddings. Features are
 * standardised with the training set's mean and standard deviation first, so that embeddings of any scale (PC
 * latents are unbounded) get the same optimiser settings.
 */
public final class LinearProbe {

    /** Default passes over the training embeddings. */
    public static final int DEFAULT_EPOCHS = 20;
    /** Adam learning rate of the probe. */
    public static final double LEARNING_RATE = 1e-2;
    /** Batch size of the probe. */
    public static final int BATCH = 256;
    /** Added to each standard deviation so that constant embedding units do not divide by zero. */
    static final double STD_EPSILON = 1e-6;

    private final int epochs;
    private final long seed;

    /**
     * @param epochs passes over the training embeddings, at least 1
     * @param seed   seed of the weights and the batch order
     */
    public LinearProbe(int epochs, long seed) {
        if (epochs < 1) {
            throw new IllegalArgumentException("probe epochs must be at least 1, got " + epochs);
        }
        this.epochs = epochs;
        this.seed = seed;
    }

    /**
     * Trains a probe on one embedding and returns its test accuracy.
     *
     * @param trainX training embeddings, [n, d] (not modified)
     * @param trainY one-hot training labels, [n, classes] (not modified)
     * @param testX  test embeddings, [m, d] (not modified)
     * @param testY  one-hot test labels, [m, classes] (not modified)
     * @return the fraction of test examples classified correctly
     */
    public double accuracy(INDArray trainX, INDArray trainY, INDArray testX, INDArray testY) {
        INDArray mean = trainX.castTo(DataType.FLOAT).mean(0);
        INDArray std = trainX.castTo(DataType.FLOAT).std(0).addi(STD_EPSILON);
        INDArray train = standardise(trainX, mean, std);
        INDArray test = standardise(testX, mean, std);
        int classes = (int) trainY.columns();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.FLOAT).updater(new Adam(LEARNING_RATE)).weightInit(WeightInit.XAVIER).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(train.columns()).nOut(classes)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        net.fit(new ShuffledDataSetIterator(new DataSet(train, trainY.castTo(DataType.FLOAT)), BATCH, true, seed),
                epochs);
        Evaluation eval = new Evaluation(classes);
        eval.eval(testY.castTo(DataType.FLOAT), net.output(test, false));
        return eval.accuracy();
    }

    private static INDArray standardise(INDArray x, INDArray mean, INDArray std) {
        return x.castTo(DataType.FLOAT).dup().subiRowVector(mean).diviRowVector(std);
    }
}
