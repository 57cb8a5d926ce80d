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
 * Configurations saved by {@code search} ({@code best-config.json}) in {@code compare} and {@code noise}; a picocli
 * mixin with two options:
 * <ul>
 *   <li>{@code --arm-config FILE}: one more arm, named as in the file ({@code <arm>-searched}), after the arms of
 *       {@code --arms};</li>
 *   <li>{@code --searched FILE,...}: each file's configuration <em>replaces</em> the arm it was searched from and
 *       runs under that arm's name, so a sweep of searched-and-frozen arms is reported (and judged by the verdicts)
 *       under the standard names {@code bp-sgd}, {@code kfac}, {@code pc-precision}, ...</li>
 * </ul>
 */
public class ArmConfigOption {

    /** The name of the option that adds arms. */
    public static final String OPTION = "--arm-config";
    /** The name of the option that replaces arms by their searched configurations. */
    public static final String SEARCHED_OPTION = "--searched";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = OPTION, paramLabel = "FILE",
            description = "Also train the arm saved in FILE by 'search' (its best-config.json), after the --arms "
                    + "ones; repeatable (default: none).")
    private List<Path> files;

    @Option(names = SEARCHED_OPTION, paramLabel = "FILE", split = ",",
            description = "Train each selected arm that FILE was searched from with FILE's configuration (a "
                    + "search's best-config.json), under the arm's own name; comma-separated or repeatable "
                    + "(default: none, every arm keeps its defaults).")
    private List<Path> searchedFiles;

    private final Map<Path, ConfiguredArm> loaded = new LinkedHashMap<>();
    private final Map<Path, String> loadedOption = new LinkedHashMap<>();

    /**
     * Applies both options to the arms of {@code --arms}: replaces those named by {@code --searched} files, then
     * appends those of {@code --arm-config}. Reads every file; call before loading data, so a bad file fails fast.
     *
     * @param selected the arms chosen by {@code --arms}
     * @return the arms to train, in order
     * @throws picocli.CommandLine.ParameterException naming the option and the file at fault
     */
    public List<Arm> resolve(List<Arm> selected) {
        loaded.clear();
        loadedOption.clear();
        List<Arm> arms = new ArrayList<>(replaceSearched(selected));
        arms.addAll(load(arms));
        return arms;
    }

    private List<Arm> replaceSearched(List<Arm> selected) {
        if (searchedFiles == null) {
            return selected;
        }
        List<Arm> arms = new ArrayList<>(selected);
        List<String> replaced = new ArrayList<>();
        for (Path file : searchedFiles) {
            ConfiguredArm searched = read(SEARCHED_OPTION, file);
            String base = searched.baseArm();
            int index = indexOf(arms, base);
            if (index < 0) {
                throw OptionChecks.invalid(spec, SEARCHED_OPTION, file, "it was searched from arm '" + base
                        + "', which is not among the selected arms " + selected.stream().map(Arm::name).toList());
            }
            if (replaced.contains(base)) {
                throw OptionChecks.invalid(spec, SEARCHED_OPTION, file, "a second configuration for arm '" + base
                        + "'");
            }
            replaced.add(base);
            ConfiguredArm frozen = searched.named(base);
            arms.set(index, frozen);
            loaded.put(file, frozen);
            loadedOption.put(file, SEARCHED_OPTION);
        }
        return arms;
    }

    private static int indexOf(List<Arm> arms, String name) {
        for (int i = 0; i < arms.size(); i++) {
            if (arms.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private ConfiguredArm read(String option, Path file) {
        try {
            return ConfiguredArm.load(file);
        } catch (IOException e) {
            throw OptionChecks.invalid(spec, option, file, "cannot read it: " + e);
        } catch (IllegalArgumentException e) {
            throw OptionChecks.invalid(spec, option, file, e.getMessage());
        }
    }

    /**
     * @param selected the arms already chosen, whose names a loaded arm must not repeat
     * @return the arms of {@code --arm-config}, in order (empty when the option is not given)
     */
    private List<Arm> load(List<Arm> selected) {
        if (files == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>(selected.stream().map(Arm::name).toList());
        List<Arm> added = new ArrayList<>();
        for (Path file : files) {
            ConfiguredArm arm = read(OPTION, file);
            if (names.contains(arm.name())) {
                throw OptionChecks.invalid(spec, OPTION, file, "its arm name '" + arm.name() + "' is already used");
            }
            names.add(arm.name());
            loaded.put(file, arm);
            loadedOption.put(file, OPTION);
            added.add(arm);
        }
        return added;
    }

    /**
     * Checks that every loaded configuration takes the data's inputs and classes, and, when {@code --hidden} was
     * given, has those hidden sizes: a configuration trains the architecture saved in it, so a different
     * {@code --hidden} would be reported but not trained. Without {@code --hidden}, a configuration whose
     * architecture differs from the other arms' is noted on standard error (its own is in its arm details).
     *
     * @param shape       the experiment's architecture
     * @param hiddenGiven whether {@code --hidden} was given on the command line
     * @throws picocli.CommandLine.ParameterException naming the option and the file that does not fit
     */
    public void checkFits(NetworkShape shape, boolean hiddenGiven) {
        loaded.forEach((file, arm) -> {
            try {
                arm.checkFits(shape);
            } catch (IllegalArgumentException e) {
                throw OptionChecks.invalid(spec, loadedOption.get(file), file, e.getMessage());
            }
            NetworkShape own = arm.shape();
            if (own.equals(shape)) {
                return;
            }
            if (hiddenGiven) {
                throw OptionChecks.invalid(spec, loadedOption.get(file), file, "its network is " + own
                        + ", but --hidden asks for " + shape + "; a saved configuration trains the architecture it "
                        + "was saved with: leave out --hidden, or search again with the sizes you want");
            }
            System.err.println("note: " + arm.name() + " trains " + own + " as saved in " + file + "; the other arms "
                    + "train " + shape);
        });
    }

    /** The option as recorded in {@code results.json}. */
    public Map<String, Object> describe() {
        return Map.of("armConfig", files == null ? List.of() : files.stream().map(Path::toString).toList(),
                "searched", searchedFiles == null ? List.of() : searchedFiles.stream().map(Path::toString).toList());
    }
}
