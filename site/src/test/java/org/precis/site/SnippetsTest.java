package org.precis.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Code blocks of Markdown checked against, and rewritten from, the source files they name. */
class SnippetsTest {

    @TempDir
    Path repo;

    private Snippets snippets;

    @BeforeEach
    void writeSource() throws IOException {
        Files.createDirectories(repo.resolve("src"));
        Files.writeString(repo.resolve("src/Example.java"), """
                package demo;

                class Example {
                    void run() {
                        // tag::body[]
                        int x = 1;

                        x++;
                        // end::body[]
                    }
                }
                """);
        snippets = new Snippets(repo);
    }

    @Test
    void aTaggedRegionIsShownWithoutItsMarkersAndWithoutItsCommonIndentation() {
        assertThat(snippets.code("src/Example.java", "body")).isEqualTo("int x = 1;\n\nx++;\n");
    }

    @Test
    void aWholeFileIsShownWithoutTheTagMarkers() {
        assertThat(snippets.code("src/Example.java", null)).startsWith("package demo;\n")
                .contains("        int x = 1;\n").doesNotContain("tag::", "end::");
    }

    @Test
    void aBlockThatMatchesItsSourcePassesAndOneThatDiffersIsReportedWithItsLine() throws IOException {
        Path good = write("good.md", "# Good\n\n<!-- include: src/Example.java#body -->\n```java\nint x = 1;\n\nx++;\n```\n");
        Path stale = write("stale.md", "# Stale\n\n<!-- include: src/Example.java#body -->\n```java\nint x = 2;\n```\n");

        assertThat(snippets.check(good)).isEmpty();
        assertThat(snippets.check(stale)).singleElement().asString()
                .startsWith(stale + ":3: the code block differs from src/Example.java#body");
    }

    @Test
    void updateRewritesAStaleBlockFromItsSourceAndLeavesTheRestOfThePage() throws IOException {
        Path stale = write("stale.md", "# Stale\n\n<!-- include: src/Example.java#body -->\n```java\nold\n```\n\nAfter.\n");

        assertThat(snippets.update(stale)).isEmpty();

        assertThat(Files.readString(stale)).isEqualTo(
                "# Stale\n\n<!-- include: src/Example.java#body -->\n```java\nint x = 1;\n\nx++;\n```\n\nAfter.\n");
        assertThat(snippets.check(stale)).isEmpty();
    }

    @Test
    void aMissingFileTagOrCodeBlockIsReported() throws IOException {
        Path page = write("bad.md", "<!-- include: src/Missing.java -->\n```java\n```\n"
                + "<!-- include: src/Example.java#nope -->\n```java\n```\n"
                + "<!-- include: src/Example.java -->\nno block\n");

        assertThat(snippets.check(page)).hasSize(3).satisfiesExactly(
                p -> assertThat(p).contains(":1: cannot read"),
                p -> assertThat(p).contains(":4: ", "has no region tag::nope[]"),
                p -> assertThat(p).contains(":7: the include marker must be followed by a fenced code block"));
    }

    @Test
    void aRegionWithoutItsEndMarkerIsRefused() throws IOException {
        Files.writeString(repo.resolve("src/Open.java"), "// tag::a[]\nint y;\n");

        assertThatThrownBy(() -> snippets.code("src/Open.java", "a")).hasMessageContaining("no region tag::a[]");
    }

    private Path write(String name, String text) throws IOException {
        Path file = repo.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
