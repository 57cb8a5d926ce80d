package org.precis.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.precis.samples.arms.Arms;

/**
 * The README's two commands work on a fresh machine, and its arm table names every arm the program has.
 */
class ReadmeIT {

    private static final Path ROOT = Path.of(System.getProperty("precis.root", ".."));

    private static List<String> bashBlocks() throws Exception {
        Matcher m = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(ROOT.resolve(
                "README.md")));
        List<String> blocks = new java.util.ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1).trim());
        }
        return blocks;
    }

    @Test
    void commandOneUpdatesThePackageListsBeforeInstallingTheData() throws Exception {
        String first = bashBlocks().get(0);

        assertThat(first).contains("apt-get update").contains("apt-get install -y dataset-fashion-mnist");
        assertThat(first.indexOf("apt-get update")).isLessThan(first.indexOf("apt-get install"));
    }

    @Test
    void commandTwoIsTheCiScriptWhichInstallsWhatTheTestsNeed() throws Exception {
        String ci = Files.readString(ROOT.resolve(".ci/run"));

        assertThat(bashBlocks().get(1)).isEqualTo(".ci/run");
        assertThat(ROOT.resolve(".ci/run")).isExecutable();
        assertThat(ci).contains("apt-get update").contains("chromium").contains("fonts-dejavu-core")
                .contains("dataset-fashion-mnist").contains("mvn -B verify").contains("check-site.sh");
    }

    @Test
    void theArmTableNamesEveryRegisteredArm() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));

        for (String arm : Arms.allNames()) {
            assertThat(readme).as(arm).contains("| `" + arm + "` |");
        }
    }
}
