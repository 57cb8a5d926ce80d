package org.precis.samples.autoencode;

import java.util.Arrays;
import java.util.function.Function;
import org.precis.pc.conf.GenerativeStart;

/** The models {@code autoencode} can train, by the names {@code --models} takes. */
public enum ModelKind {

    /** The generative predictive-coding layer, relaxing from the prior. */
    PC("pc", s -> new PcModel(s, GenerativeStart.PRIOR)),
    /** The generative predictive-coding layer, relaxing from its amortised recognition pass. */
    PC_AMORTISED("pc-amortised", s -> new PcModel(s, GenerativeStart.AMORTISED)),
    /** DL4J's variational auto-encoder. */
    VAE("vae", VaeModel::new),
    /** A stack of DL4J auto-encoders. */
    AUTOENCODER("autoencoder", StackedAutoencoderModel::new);

    private final String optionName;
    private final Function<ModelSettings, AutoencoderModel> factory;

    ModelKind(String optionName, Function<ModelSettings, AutoencoderModel> factory) {
        this.optionName = optionName;
        this.factory = factory;
    }

    /** The name on the command line and in {@code results.json}. */
    public String optionName() {
        return optionName;
    }

    /** A new, initialised model. */
    public AutoencoderModel create(ModelSettings settings) {
        return factory.apply(settings);
    }

    /** The kind of an option name, or null when there is none. */
    public static ModelKind byName(String name) {
        return Arrays.stream(values()).filter(k -> k.optionName.equals(name)).findFirst().orElse(null);
    }
}
