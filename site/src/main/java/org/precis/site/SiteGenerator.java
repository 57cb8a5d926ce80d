package org.precis.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Renders a docs directory into a static HTML site: every {@code *.md} file becomes an {@code .html} file at the
 * same relative path, wrapped in {@link PageTemplate}; every other file is copied unchanged. Nothing is written if a
 * local link or image is broken ({@link SiteBuildException}).
 *
 * <p>Run by the {@code package} phase of the site module as
 * {@code java org.precis.site.SiteGenerator <docs-dir> <output-dir>}.
 */
public final class SiteGenerator {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    /**
     * Generates the site.
     *
     * @param docs   the docs directory; not modified
     * @param output the output directory; its previous content is deleted, so pages removed from the docs do not
     *               linger
     * @return the number of pages written
     * @throws SiteBuildException   if a page refers to a local file, page or heading that does not exist
     * @throws UncheckedIOException if a file cannot be read or written
     */
    public int generate(Path docs, Path output) {
        DocsTree tree = DocsTree.scan(docs);
        List<RenderedPage> pages = tree.pages().stream()
                .map(page -> renderer.render(page, read(tree.root().resolve(page))))
                .toList();
        List<String> problems = new LinkChecker(tree, pages).problems();
        if (!problems.isEmpty()) {
            throw new SiteBuildException(problems);
        }
        try {
            deleteRecursively(output);
            PageTemplate template = new PageTemplate(pages);
            for (RenderedPage page : pages) {
                write(output.resolve(page.output()), template.wrap(page));
            }
            for (Path asset : tree.assets()) {
                Path target = output.resolve(asset);
                Files.createDirectories(target.getParent());
                Files.copy(tree.root().resolve(asset), target, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the site to " + output, e);
        }
        return pages.size();
    }

    /**
     * Command-line entry point.
     *
     * @param args the docs directory and the output directory
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: java org.precis.site.SiteGenerator <docs-dir> <output-dir>");
            System.exit(2);
        }
        Path output = Path.of(args[1]);
        try {
            int pages = new SiteGenerator().generate(Path.of(args[0]), output);
            System.out.println("site: " + pages + " page(s) written to " + output.toAbsolutePath().normalize());
        } catch (SiteBuildException | IllegalArgumentException | UncheckedIOException e) {
            System.err.println("site: " + e.getMessage());
            System.exit(1);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
