package org.precis.samples.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.precis.data.TrainTestData;
import org.precis.samples.arms.Arm;
import org.precis.samples.arms.Arms;
import org.precis.samples.arms.NetworkShape;
import org.precis.samples.experiment.TrainingBudget;
import picocli.CommandLine.Model.CommandSpec;

/** Turns {@code --arms} into arms, and describes arms and data for {@code results.json}. */
public final class ArmSelection {

    private ArmSelection() {
    }

    /** All registered arm names, for picocli's {@code ${COMPLETION-CANDIDATES}} in help texts. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arms.allNames().iterator();
        }
    }

    /**
     * The arms named, in order; the standard arms when none are named.
     *
     * @throws picocli.CommandLine.ParameterException naming the option and the valid arms for an unknown name, or
     *                                                the arm named twice
     */
    public static List<Arm> parse(CommandSpec spec, String option, List<String> names) {
        List<String> requested = names == null || names.isEmpty() ? Arms.names() : names;
        List<Arm> arms = new ArrayList<>();
        for (String name : requested) {
            try {
                arms.add(Arms.byName(name.trim()));
            } catch (IllegalArgumentException e) {
                throw OptionChecks.invalid(spec, option, name, e.getMessage());
            }
        }
        for (int i = 0; i < arms.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (arms.get(i).name().equals(arms.get(j).name())) {
                    throw OptionChecks.invalid(spec, option, String.join(",", requested), "arm '"
                            + arms.get(i).name() + "' is named twice; name each arm once");
                }
            }
        }
        return arms;
    }

    /**
     * Checks before any training that every arm can build the experiment's architecture.
     *
     * @throws picocli.CommandLine.ParameterException naming {@code --arch} and the arm that cannot
     */
    public static void checkShape(CommandSpec spec, List<Arm> arms, NetworkShape shape) {
        for (Arm arm : arms) {
            try {
                arm.checkShape(shape);
            } catch (IllegalArgumentException e) {
                throw OptionChecks.invalid(spec, "--arch", shape, e.getMessage());
            }
        }
    }

    /** The arms' names, in order. */
    public static List<String> names(List<Arm> arms) {
        return arms.stream().map(Arm::name).toList();
    }

    /** Per arm name: its description and hyperparameters. */
    public static Map<String, Object> details(List<Arm> arms) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (Arm arm : arms) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("description", arm.description());
            d.put("hyperparameters", arm.hyperparameters());
            details.put(arm.name(), d);
        }
        return details;
    }

    /** The data actually used and the architecture built for it. */
    public static Map<String, Object> describeData(TrainTestData data, TrainingBudget budget) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataName", data.name());
        m.put("trainExamples", data.train().numExamples());
        m.put("testExamples", data.test().numExamples());
        m.put("architecture", budget.shape().toString());
        return m;
    }
}
