package org.precis.samples.autoencode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.precis.data.TrainTestData;
import org.precis.eval.Embeddings;
import org.precis.eval.LinearProbe;
import org.precis.eval.Pca;
import org.precis.eval.Tsne;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the comparison: per model, training on the main data, embeddings of train and test sets, linear probes
 * and reconstruction error per level, a 2-D PCA picture (and optionally a t-SNE one) per level, latent traversals; then, unless skipped, a
 * fresh model per kind on sprites for MIG. Writes the pictures into the output directory as it goes.
 */
final class AutoencodeExperiment {

    /** File name of the reconstructions grid. */
    static final String RECONSTRUCTIONS_PNG = "reconstructions.png";

    private static final Logger LOG = LoggerFactory.getLogger(AutoencodeExperiment.class);

    private final AutoencodeSettings settings;
    private final TrainTestData data;
    private final List<String> classNames;
    private final Path outDir;
    private final List<String> pictures = new ArrayList<>();
    private double pixelProbeAccuracy = Double.NaN;
    private double meanImageMse = Double.NaN;

    AutoencodeExperiment(AutoencodeSettings settings, TrainTestData data, List<String> classNames, Path outDir) {
        this.settings = settings;
        this.data = data;
        this.classNames = classNames;
        this.outDir = outDir;
    }

    /** Linear-probe test accuracy on the raw pixels, the reference every embedding's probe compares with. */
    double pixelProbeAccuracy() {
        return pixelProbeAccuracy;
    }

    /** Test reconstruction error of predicting every image by the training set's mean image. */
    double meanImageMse() {
        return meanImageMse;
    }

    /** File names of the PNGs written, in order. */
    List<String> pictures() {
        return Collections.unmodifiableList(pictures);
    }

    /** Runs every model; returns one report per model, in the order of the settings. */
    List<ModelReport> run() throws IOException {
        return run(report -> { });
    }

    /**
     * Runs every model; returns one report per model, in the order of the settings.
     *
     * @param finished told each model's report as soon as the model is done, so that a caller can save it before
     *                 the next model's training (a run killed later then keeps the models it finished)
     */
    List<ModelReport> run(IoConsumer<ModelReport> finished) throws IOException {
        INDArray testX = data.test().getFeatures();
        int[] testLabels = labels(data.test().getLabels());
        int[] shown = firstOfEachClass(testLabels);
        INDArray shownImages = Nd4j.pullRows(testX, 1, shown);
        List<INDArray> gridRows = new ArrayList<>(List.of(shownImages));
        List<String> gridLabels = new ArrayList<>(List.of("original"));
        SpriteMig sprites = settings.withSprites()
                ? new SpriteMig(settings.spriteImages(), settings.model().seed()) : null;
        List<ModelReport> reports = new ArrayList<>();
        LinearProbe probe = new LinearProbe(settings.probeEpochs(), settings.model().seed());
        pixelProbeAccuracy = probe.accuracy(data.train().getFeatures(), data.train().getLabels(), testX,
                data.test().getLabels());
        INDArray meanImage = data.train().getFeatures().mean(true, 0);
        meanImageMse = testX.subRowVector(meanImage).muli(testX.subRowVector(meanImage)).meanNumber().doubleValue();
        LOG.info(String.format(Locale.ROOT, "raw pixels: probe accuracy %.4f; mean-image MSE %.4f",
                pixelProbeAccuracy, meanImageMse));
        for (ModelKind kind : settings.models()) {
            AutoencoderModel model = kind.create(settings.model());
            String label = model.name() + " on " + data.name() + ", seed " + settings.model().seed();
            List<ModelReport.EpochProbe> probes = new ArrayList<>();
            List<Double> seconds = EpochTrainer.train(label, model, data.train(), settings.epochs(),
                    settings.batch(), settings.model().seed(), epoch -> probeDuringTraining(model, probe, epoch,
                            probes));
            INDArray[] train = Embeddings.embed(model, data.train().getFeatures());
            INDArray[] test = Embeddings.embed(model, testX);
            List<Double> accuracy = new ArrayList<>();
            List<Double> mse = new ArrayList<>();
            for (int l = 1; l <= test.length; l++) {
                accuracy.add(probe.accuracy(train[l - 1], data.train().getLabels(), test[l - 1],
                        data.test().getLabels()));
                if (model.reconstructsFrom(l)) {
                    mse.add(Embeddings.reconstructionMse(model, test[l - 1], l, testX));
                    gridRows.add(model.reconstructFrom(Nd4j.pullRows(test[l - 1], 1, shown), l));
                    gridLabels.add(model.name() + " from level " + l);
                } else {
                    mse.add(null);
                }
                if (settings.pictures()) {
                    plotProjection(model.name(), l, test[l - 1], testLabels);
                    if (settings.withTsne()) {
                        plotTsne(model.name(), l, test[l - 1], testLabels);
                    }
                }
                LOG.info(String.format(Locale.ROOT, "%s level %d: probe accuracy %.4f, reconstruction MSE %s",
                        model.name(), l, accuracy.get(l - 1), mse.get(l - 1)));
            }
            if (settings.pictures()) {
                String traversal = "traversal-" + model.name() + ".png";
                Traversals.write(outDir.resolve(traversal), model, test[test.length - 1], settings.traversalUnits(),
                        side());
                pictures.add(traversal);
            }
            Map<String, Double> relaxation = model instanceof PcModel pc ? pc.relaxationCounts() : Map.of();
            Map<String, Double> starts = model instanceof PcModel pc ? pc.compareStarts(testX) : Map.of();
            List<Double> mig = Collections.nCopies(test.length, null);
            List<Double> spriteSeconds = List.of();
            if (sprites != null) {
                AutoencoderModel spriteModel = kind.create(settings.model().withInputs(sprites.pixels()));
                spriteSeconds = EpochTrainer.train(model.name() + " on sprites", spriteModel, sprites.trainingData(),
                        settings.spriteEpochs(), settings.batch(), settings.model().seed());
                mig = sprites.score(spriteModel);
                LOG.info("{} MIG per level on sprites: {}", model.name(), mig);
            }
            ModelReport report = new ModelReport(model.name(), model.describe(), model.levelSizes(), accuracy, mse,
                    mig, seconds, spriteSeconds, relaxation, starts, probes);
            reports.add(report);
            finished.accept(report);
        }
        if (!settings.pictures()) {
            return reports;
        }
        ImageGrid.write(outDir.resolve(RECONSTRUCTIONS_PNG), side(), gridRows, gridLabels);
        pictures.add(0, RECONSTRUCTIONS_PNG);
        return reports;
    }

    /** A consumer that may fail with an {@link IOException} (the caller writes files). */
    @FunctionalInterface
    interface IoConsumer<T> {
        /** @param value the value to consume */
        void accept(T value) throws IOException;
    }

    /** A probe of every level after {@code epoch} epochs, when {@code --probe-every} asks for one then. */
    private void probeDuringTraining(AutoencoderModel model, LinearProbe probe, int epoch,
            List<ModelReport.EpochProbe> probes) {
        if (settings.probeEvery() <= 0 || epoch % settings.probeEvery() != 0) {
            return;
        }
        INDArray[] train = Embeddings.embed(model, data.train().getFeatures());
        INDArray[] test = Embeddings.embed(model, data.test().getFeatures());
        List<Double> accuracy = new ArrayList<>();
        for (int l = 1; l <= test.length; l++) {
            accuracy.add(probe.accuracy(train[l - 1], data.train().getLabels(), test[l - 1],
                    data.test().getLabels()));
        }
        Double rises = null;
        if (model instanceof PcModel pc) {
            double total = pc.relaxationCounts().get("energyRises");
            double before = probes.stream().map(ModelReport.EpochProbe::energyRises).filter(r -> r != null)
                    .mapToDouble(Double::doubleValue).sum();
            rises = total - before;
        }
        probes.add(new ModelReport.EpochProbe(epoch, accuracy, rises));
        LOG.info("{} after {} epochs: probe accuracy per level {}, energy rises {}", model.name(), epoch, accuracy,
                rises);
    }

    private void plotProjection(String model, int level, INDArray embedding, int[] labels) throws IOException {
        int n = (int) Math.min(settings.plotPoints(), embedding.rows());
        INDArray points = Pca.project(embedding.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()), 2);
        String file = String.format(Locale.ROOT, "pca-%s-level%d.png", model, level);
        EmbeddingPlot.write(outDir.resolve(file), String.format(Locale.ROOT, "%s level %d (%d units): PCA of %d "
                + "test embeddings", model, level, embedding.columns(), n), new String[] {"PC 1", "PC 2"}, points,
                java.util.Arrays.copyOf(labels, n), classNames);
        pictures.add(file);
    }

    private void plotTsne(String model, int level, INDArray embedding, int[] labels) throws IOException {
        int n = (int) Math.min(settings.tsnePoints(), embedding.rows());
        long start = System.nanoTime();
        INDArray points = Tsne.project(embedding.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()),
                settings.model().seed());
        LOG.info(String.format(Locale.ROOT, "%s level %d: t-SNE of %d points took %.1f s", model, level, n,
                (System.nanoTime() - start) / 1e9));
        String file = String.format(Locale.ROOT, "tsne-%s-level%d.png", model, level);
        EmbeddingPlot.write(outDir.resolve(file), String.format(Locale.ROOT, "%s level %d (%d units): t-SNE of %d "
                + "test embeddings", model, level, embedding.columns(), n), new String[] {"t-SNE 1", "t-SNE 2"},
                points, java.util.Arrays.copyOf(labels, n), classNames);
        pictures.add(file);
    }

    /** Image side, assuming square images. */
    private int side() {
        return (int) Math.round(Math.sqrt(data.numFeatures()));
    }

    static int[] labels(INDArray oneHot) {
        INDArray arg = Nd4j.argMax(oneHot, 1);
        int[] out = new int[(int) oneHot.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = arg.getInt(i);
        }
        return out;
    }

    /** Index of the first example of each class present, in class order. */
    private int[] firstOfEachClass(int[] labels) {
        List<Integer> rows = new ArrayList<>();
        for (int c = 0; c < data.numClasses(); c++) {
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    rows.add(i);
                    break;
                }
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }
}
