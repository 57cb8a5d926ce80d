package org.precis.samples.cli;

import java.util.List;
import org.precis.samples.arms.Arm;
import org.precis.samples.arms.Architecture;
import org.precis.samples.arms.Arms;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --arms} option of the experiment subcommands. */
public class ArmsOption {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--arms", paramLabel = "ARMS", split = ",", completionCandidates = ArmSelection.Names.class,
            description = "Arms to train, in order (default: the standard five, bp-sgd,bp-adam,kfac,pc,pc-precision; "
                    + "with --arch conv bp-adam-conv,kfac-conv,pc-conv). "
                    + "Valid: ${COMPLETION-CANDIDATES}.")
    private List<String> names;

    /**
     * The arms named, in order, or the standard arms when none are named.
     *
     * @throws picocli.CommandLine.ParameterException naming {@code --arms} and the valid arms for an unknown name
     */
    public List<Arm> selected() {
        return ArmSelection.parse(spec, "--arms", names);
    }

    /**
     * The arms named, in order; when none are named, the standard arms, or the convolutional arms for
     * {@link Architecture#CONV}.
     *
     * @throws picocli.CommandLine.ParameterException naming {@code --arms} and the valid arms for an unknown name
     */
    public List<Arm> selected(Architecture architecture) {
        boolean none = names == null || names.isEmpty();
        return ArmSelection.parse(spec, "--arms", none && architecture == Architecture.CONV
                ? Arms.convolutionalNames() : names);
    }
}
