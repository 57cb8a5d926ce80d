package org.precis.samples.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.commons.io.output.CloseShieldOutputStream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.precis.data.ShuffledDataSetIterator;
import org.precis.data.TrainTestData;
import org.precis.natgrad.KFacSerializer;
import org.precis.natgrad.KFacTraining;
import org.precis.natgrad.config.KFac;
import org.precis.natgrad.listener.KFacListener;
import org.precis.pc.layers.PredictiveCodingOutputLayerImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints of runs in progress, one file per run ({@code <run>.zip} in a directory), written every
 * {@code every} epochs and deleted once the run's result is recorded.
 *
 * <p>A checkpoint is a zip file: the network as a DL4J model file ({@value #MODEL_ENTRY}, {@link ModelSerializer}:
 * configuration, parameters with the precisions of PC layers, updater state, iteration and epoch counts); K-FAC's
 * curvature when K-FAC is attached ({@link KFacSerializer}: step counter, factors and inverses are saved, not
 * re-estimated); what each {@code PredictiveCodingOutputLayer} keeps outside its parameters (its relaxation counts,
 * and the same state of the Kronecker weight steps of natural-gradient PC); and this run's progress ({@value #PROGRESS_ENTRY}:
 * epochs done and their figures, the position of the training batches, the state of the input-noise generator and
 * of ND4J's own generator). A run resumed from it takes exactly the steps of an uninterrupted run: on the CPU
 * backend the final weights are bit for bit the same. The file is written under a temporary name and renamed into
 * place, so a killed run never leaves a half-written checkpoint.
 */
public final class RunCheckpoints {

    /** No checkpoints: runs in progress are lost when interrupted (finished ones are still recorded). */
    public static final RunCheckpoints NONE = new RunCheckpoints(null, 0);

    /** Format tag of the progress entry. */
    static final String FORMAT = "precis-checkpoint/1";
    /** Name of the network's entry: a DL4J model file. */
    static final String MODEL_ENTRY = "model.zip";
    /** Prefix of the entries of PC layers' state outside their parameters, by layer index. */
    static final String PC_STATE_PREFIX = "pc-layer";
    /** Name of the progress entry. */
    static final String PROGRESS_ENTRY = "progress.json";

    private static final Logger log = LoggerFactory.getLogger(RunCheckpoints.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final int every;

    /**
     * @param directory where checkpoint files go (created on first save)
     * @param every     epochs between checkpoints; 0 for none
     */
    public RunCheckpoints(Path directory, int every) {
        if (every < 0) {
            throw new IllegalArgumentException("checkpoint interval must be >= 0 epochs, got " + every);
        }
        this.directory = directory;
        this.every = every;
    }

    /** Whether a checkpoint is due after {@code epoch} of {@code epochs} (never after the last: its result is). */
    boolean due(int epoch, int epochs) {
        return every > 0 && epoch < epochs && epoch % every == 0;
    }

    /** The checkpoint file of a run. */
    Path file(RunKey key) {
        return directory.resolve(key.fileName() + ".zip");
    }

    /**
     * Writes a run's checkpoint, replacing the previous one atomically.
     *
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    void save(RunKey key, TrainingState state) {
        Path target = file(key);
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, key.fileName(), ".part");
            try {
                try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)))) {
                    // Parameters and curvature are doubles and floats that barely compress: store them.
                    zip.setLevel(Deflater.NO_COMPRESSION);
                    zip.putNextEntry(new ZipEntry(MODEL_ENTRY));
                    ModelSerializer.writeModel(state.net, new CloseShieldOutputStream(zip), true);
                    if (kfacOf(state.net) != null) {
                        zip.putNextEntry(new ZipEntry(KFacSerializer.CURVATURE_ENTRY));
                        KFacSerializer.write(state.net, zip);
                    }
                    Layer[] layers = state.net.getLayers();
                    for (int i = 0; i < layers.length; i++) {
                        if (layers[i] instanceof PredictiveCodingOutputLayerImpl pc) {
                            zip.putNextEntry(new ZipEntry(PC_STATE_PREFIX + i));
                            KFacSerializer.writeArrays(pc.trainingState(), zip);
                        }
                    }
                    zip.putNextEntry(new ZipEntry(PROGRESS_ENTRY));
                    zip.write(JSON.writeValueAsBytes(progress(key, state)));
                }
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write checkpoint " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * The run's state at its last checkpoint, if it has one that fits this budget; a checkpoint that cannot be read
     * is reported and ignored (the run then starts over).
     */
    Optional<TrainingState> restore(RunKey key, TrainTestData data, TrainingBudget budget) {
        if (directory == null || !Files.isRegularFile(file(key))) {
            return Optional.empty();
        }
        Path file = file(key);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            JsonNode progress = JSON.readTree(zip.getInputStream(entry(zip, PROGRESS_ENTRY)));
            if (!FORMAT.equals(progress.path("format").asText()) || !key.fileName().equals(progress.path("run").asText())
                    || progress.path("epochsDone").asInt() >= budget.epochs()) {
                log.warn("Checkpoint {} does not belong to this run; training the run from the start", file);
                return Optional.empty();
            }
            MultiLayerNetwork net;
            try (InputStream model = zip.getInputStream(entry(zip, MODEL_ENTRY))) {
                net = ModelSerializer.restoreMultiLayerNetwork(model, true);
            }
            if (usesKFac(net)) {
                KFacTraining.attach(net);
                try (InputStream curvature = zip.getInputStream(entry(zip, KFacSerializer.CURVATURE_ENTRY))) {
                    KFacSerializer.read(curvature, net);
                }
            }
            Layer[] layers = net.getLayers();
            for (int i = 0; i < layers.length; i++) {
                if (layers[i] instanceof PredictiveCodingOutputLayerImpl pc) {
                    try (InputStream pcState = zip.getInputStream(entry(zip, PC_STATE_PREFIX + i))) {
                        pc.restoreTrainingState(KFacSerializer.readArrays(pcState));
                    }
                }
            }
            TrainingState state = TrainingState.resume(net, data, budget, key, doubles(progress, "testAccuracyPerEpoch"),
                    doubles(progress, "trainLossPerEpoch"), doubles(progress, "secondsPerEpoch"),
                    doubles(progress, "residentMiBPerEpoch"), memory(progress),
                    trace(progress.path("diagnosticsTrace")));
            state.train.seek(new ShuffledDataSetIterator.Position(progress.path("iterator").path("resets").asInt(),
                    progress.path("iterator").path("cursor").asInt()));
            state.trainNoise.restoreGeneratorState(longs(progress, "trainNoiseGenerator"));
            long[] nd4j = longs(progress, "nd4jGenerator");
            Nd4j.getRandom().setStates(nd4j[0], nd4j[1]);
            return Optional.of(state);
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot read checkpoint {} ({}); training the run from the start", file, e.toString());
            return Optional.empty();
        }
    }

    private static ZipEntry entry(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new IOException("no entry " + name);
        }
        return entry;
    }

    /** Deletes a run's checkpoint once its result is recorded, and the directory once it is empty. */
    void delete(RunKey key) {
        if (directory == null) {
            return;
        }
        try {
            Files.deleteIfExists(file(key));
            try (var left = Files.list(directory)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(directory);
                }
            }
        } catch (NoSuchFileException e) {
            // No checkpoint was ever written: nothing to delete.
        } catch (IOException e) {
            log.warn("Cannot delete checkpoint {}: {}", file(key), e.getMessage());
        }
    }

    private static ObjectNode progress(RunKey key, TrainingState state) {
        ObjectNode p = JSON.createObjectNode();
        p.put("format", FORMAT);
        p.put("run", key.fileName());
        p.put("epochsDone", state.epochsDone());
        p.set("testAccuracyPerEpoch", JSON.valueToTree(state.testAccuracies));
        p.set("trainLossPerEpoch", JSON.valueToTree(state.trainLosses));
        p.set("secondsPerEpoch", JSON.valueToTree(state.seconds));
        p.set("residentMiBPerEpoch", JSON.valueToTree(state.residentMiB));
        p.set("diagnosticsTrace", JSON.valueToTree(state.trace.values()));
        p.set("memoryPerEpoch", JSON.valueToTree(state.memory));
        ShuffledDataSetIterator.Position position = state.train.position();
        p.putObject("iterator").put("resets", position.resets()).put("cursor", position.cursor());
        p.set("trainNoiseGenerator", JSON.valueToTree(state.trainNoise.generatorState()));
        Random nd4j = Nd4j.getRandom();
        p.set("nd4jGenerator", JSON.valueToTree(new long[] {nd4j.rootState(), nd4j.nodeState()}));
        return p;
    }

    private static KFacListener kfacOf(MultiLayerNetwork net) {
        for (TrainingListener listener : net.getListeners()) {
            if (listener instanceof KFacListener kfac) {
                return kfac;
            }
        }
        return null;
    }

    private static boolean usesKFac(MultiLayerNetwork net) {
        return net.getLayerWiseConfigurations().getConfs().stream()
                .anyMatch(c -> c.getLayer() instanceof BaseLayer b && b.getIUpdater() instanceof KFac);
    }

    private static List<Double> doubles(JsonNode progress, String field) {
        List<Double> values = new ArrayList<>();
        progress.path(field).forEach(v -> values.add(v.isNumber() ? v.doubleValue() : Double.parseDouble(v.asText())));
        return values;
    }

    private static Map<String, List<Double>> trace(JsonNode node) {
        Map<String, List<Double>> trace = new LinkedHashMap<>();
        node.fieldNames().forEachRemaining(name -> trace.put(name, doubles(node, name)));
        return trace;
    }

    /** The memory samples of the epochs done; none in a checkpoint written before they were recorded. */
    private static List<MemoryUse> memory(JsonNode progress) throws IOException {
        List<MemoryUse> samples = new ArrayList<>();
        for (JsonNode sample : progress.path("memoryPerEpoch")) {
            samples.add(JSON.treeToValue(sample, MemoryUse.class));
        }
        return samples;
    }

    private static long[] longs(JsonNode progress, String field) {
        JsonNode array = progress.path(field);
        if (array.size() != 2) {
            throw new IllegalArgumentException("checkpoint entry " + field + " needs two numbers");
        }
        return new long[] {array.get(0).asLong(), array.get(1).asLong()};
    }
}
