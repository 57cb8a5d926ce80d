package org.precis.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository's own documentation: every code block marked as included from a source file (the examples) equals
 * that file, in the site's pages and in every README, and every example is shown whole on the examples page, so a
 * snippet a user copies always compiles and runs (the examples module's tests run each example).
 */
class RepositoryDocsTest {

    /** The repository root, seen from the site module (Maven runs tests in the module's directory). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLES = ROOT.resolve("examples/src/main/java/org/precis/examples");

    @Test
    void everyIncludedCodeBlockEqualsItsSource() throws IOException {
        Snippets snippets = new Snippets(ROOT);
        List<String> problems = new ArrayList<>();
        for (Path markdown : markdownFiles()) {
            problems.addAll(snippets.check(markdown));
        }

        assertThat(problems).as("stale code blocks; rewrite them with: java -cp site/target/classes "
                + "org.precis.site.Snippets --update <file>").isEmpty();
    }

    @Test
    void everyExampleIsShownWholeOnTheExamplesPage() throws IOException {
        String page = Files.readString(ROOT.resolve("site/src/docs/examples.md"), StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            List<String> examples = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".java") && !n.equals("package-info.java")).sorted().toList();

            assertThat(examples).hasSizeGreaterThanOrEqualTo(6);
            for (String example : examples) {
                assertThat(page).as(example).contains("<!-- include: examples/src/main/java/org/precis/examples/"
                        + example + " -->");
            }
        }
    }

    @Test
    void everyExampleStaysAShortSingleFile() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path example : files.filter(f -> !f.getFileName().toString().equals("package-info.java")).toList()) {
                assertThat(Files.readAllLines(example)).as(example.getFileName().toString()).hasSizeLessThan(90);
            }
        }
    }

    private static List<Path> markdownFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        out.add(ROOT.resolve("README.md"));
        try (Stream<Path> modules = Files.list(ROOT)) {
            modules.map(m -> m.resolve("README.md")).filter(Files::isRegularFile).forEach(out::add);
        }
        try (Stream<Path> docs = Files.walk(ROOT.resolve("site/src/docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).forEach(out::add);
        }
        return out;
    }
}
