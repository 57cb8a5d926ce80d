package org.precis.samples.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.precis.samples.arms.Arm;
import org.precis.samples.arms.ConfiguredArm;
import org.precis.samples.arms.NetworkShape;
import org.precis.samples.cli.OptionChecks;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --arm-config FILE}: trains a configuration saved by {@code search} ({@code best-config.json}) as one
 * more arm, after the arms of {@code --arms}. A picocli mixin of {@code compare} and {@code noise}.
 */
public class ArmConfigOption {

    /** The option's name. */
    public static final String OPTION = "--arm-config";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = OPTION, paramLabel = "FILE",
            description = "Also train the arm saved in FILE by 'search' (its best-config.json), after the --arms "
                    + "ones; repeatable (default: none).")
    private List<Path> files;

    private final Map<Path, ConfiguredArm> loaded = new LinkedHashMap<>();

    /**
     * Reads every file given; call before loading data, so that a bad file fails fast.
     *
     * @param selected the arms already chosen, whose names a loaded arm must not repeat
     * @return the loaded arms, in order (empty when the option is not given)
     * @throws picocli.CommandLine.ParameterException naming the option and the file at fault
     */
    public List<Arm> load(List<Arm> selected) {
        loaded.clear();
        if (files == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>(selected.stream().map(Arm::name).toList());
        for (Path file : files) {
            ConfiguredArm arm;
            try {
                arm = ConfiguredArm.load(file);
            } catch (IOException e) {
                throw OptionChecks.invalid(spec, OPTION, file, "cannot read it: " + e);
            } catch (IllegalArgumentException e) {
                throw OptionChecks.invalid(spec, OPTION, file, e.getMessage());
            }
            if (names.contains(arm.name())) {
                throw OptionChecks.invalid(spec, OPTION, file, "its arm name '" + arm.name() + "' is already used");
            }
            names.add(arm.name());
            loaded.put(file, arm);
        }
        return List.copyOf(loaded.values());
    }

    /**
     * Checks that every loaded configuration takes the data's inputs and classes.
     *
     * @throws picocli.CommandLine.ParameterException naming the option and the file that does not fit
     */
    public void checkFits(NetworkShape shape) {
        loaded.forEach((file, arm) -> {
            try {
                arm.checkFits(shape);
            } catch (IllegalArgumentException e) {
                throw OptionChecks.invalid(spec, OPTION, file, e.getMessage());
            }
        });
    }

    /** The option as recorded in {@code results.json}. */
    public Map<String, Object> describe() {
        return Map.of("armConfig", files == null ? List.of() : files.stream().map(Path::toString).toList());
    }
}
