package org.precis.samples.arms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.precis.arbiter.natgrad.KFacTaskListener;

/**
 * An arm whose network is a saved DL4J configuration, such as the best one a {@code search} found
 * ({@code best-config.json}). Its architecture, updater and every option come from the file; the run seed still
 * sets the initial weights, so it trains under the same seeds as the registered arms. K-FAC is attached when the
 * configuration uses it, as {@link KFacArm} does.
 *
 * <p>File format (JSON object): {@code "format"} ({@value #FORMAT}), {@code "name"} (the arm's name in reports),
 * {@code "baseArm"} (the arm it was searched from), {@code "validationAccuracy"}, {@code "hyperparameters"} (by
 * name, for reports) and {@code "configuration"} (a {@code MultiLayerConfiguration} in DL4J's JSON).
 */
public final class ConfiguredArm implements Arm {

    /** Format tag of the file. */
    public static final String FORMAT = "precis-arm-config/1";
    /** Suffix of the name {@code search} gives its best configuration: {@code <arm>-searched}. */
    public static final String SEARCHED_SUFFIX = "-searched";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String name;
    private final String baseArm;
    private final Path source;
    private final String configurationJson;
    private final Map<String, Object> hyperparameters;

    private ConfiguredArm(String name, String baseArm, Path source, String configurationJson,
            Map<String, Object> hyperparameters) {
        this.name = name;
        this.baseArm = baseArm;
        this.source = source;
        this.configurationJson = configurationJson;
        this.hyperparameters = hyperparameters;
    }

    /**
     * Writes an arm configuration file.
     *
     * @param file               the file to write
     * @param name               the arm's name in reports
     * @param baseArm            the arm the configuration was searched from
     * @param validationAccuracy its validation accuracy, or null
     * @param hyperparameters    its hyperparameters by name, for reports
     * @param configuration      the {@code MultiLayerConfiguration} as a JSON tree
     */
    public static void save(Path file, String name, String baseArm, Double validationAccuracy,
            Map<String, Object> hyperparameters, JsonNode configuration) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("name", name);
        root.put("baseArm", baseArm);
        root.putPOJO("validationAccuracy", validationAccuracy);
        root.set("hyperparameters", JSON.valueToTree(hyperparameters));
        root.set("configuration", configuration);
        JSON.writeValue(file.toFile(), root);
    }

    /**
     * Reads an arm configuration file and checks that its configuration builds.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException naming what is wrong with its content
     */
    public static ConfiguredArm load(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("not an arm configuration (expected \"format\": \"" + FORMAT + "\")");
        }
        JsonNode configuration = root.get("configuration");
        String name = root.path("name").asText("");
        if (name.isBlank() || configuration == null || !configuration.isObject()) {
            throw new IllegalArgumentException("needs a \"name\" and a \"configuration\" object");
        }
        String json = configuration.toString();
        try {
            MultiLayerConfiguration.fromJson(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("its \"configuration\" is not a DL4J MultiLayerConfiguration: " + e, e);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> hyperparameters = root.has("hyperparameters")
                ? JSON.convertValue(root.get("hyperparameters"), LinkedHashMap.class) : new LinkedHashMap<>();
        return new ConfiguredArm(name, root.path("baseArm").asText("unknown"), file, json, hyperparameters);
    }

    /**
     * Checks that the configuration fits the experiment's data.
     *
     * @throws IllegalArgumentException when its input width or class count differs from {@code shape}'s
     */
    public void checkFits(NetworkShape shape) {
        NetworkShape own = shape();
        if (own.inputs() != shape.inputs() || own.classes() != shape.classes()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "its network takes %d inputs and %d "
                    + "classes, the data has %d and %d", own.inputs(), own.classes(), shape.inputs(),
                    shape.classes()));
        }
    }

    /**
     * The architecture this configuration trains, whatever the experiment's {@code --hidden}: DL4J layers'
     * sizes and convolutions, and the levels inside a predictive-coding layer ({@link ConfigurationShape}).
     */
    public NetworkShape shape() {
        return ConfigurationShape.of(MultiLayerConfiguration.fromJson(configurationJson));
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the arm this configuration was searched from ({@code "unknown"} when the file does not say) */
    public String baseArm() {
        return baseArm;
    }

    /**
     * @param newName the name to report it under, e.g. its {@link #baseArm()} when it replaces that arm
     * @return this configuration under another name
     */
    public ConfiguredArm named(String newName) {
        return new ConfiguredArm(newName, baseArm, source, configurationJson, hyperparameters);
    }

    @Override
    public String description() {
        return "configuration from " + source + " (searched from " + baseArm + ")";
    }

    @Override
    public Map<String, Object> hyperparameters() {
        Map<String, Object> h = new LinkedHashMap<>(hyperparameters);
        h.put("architecture", shape().toString());
        h.put("baseArm", baseArm);
        h.put("source", source.toString());
        return h;
    }

    /**
     * Builds the saved configuration; {@code shape}'s hidden sizes are not used, the file's are (see
     * {@link #shape()}).
     */
    @Override
    public MultiLayerNetwork createNetwork(NetworkShape shape, long seed) {
        MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(configurationJson);
        for (NeuralNetConfiguration layerConf : conf.getConfs()) {
            layerConf.setSeed(seed);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        KFacTaskListener.attachIfUsed(net);
        return net;
    }

    /** The learned precisions of a predictive-coding configuration (as {@link PcArm} reports them), else none. */
    @Override
    public Map<String, Double> diagnostics(MultiLayerNetwork trained) {
        return PcArm.diagnosticsOf(trained);
    }
}
