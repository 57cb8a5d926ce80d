package org.precis.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Renders a docs directory into a static HTML site: every {@code *.md} file becomes an {@code .html} file at the
 * same relative path, wrapped in {@link PageTemplate}; every other file is copied unchanged, and so is every file of
 * a mounted directory ({@link Mounts}: the modules' Javadoc under {@code api/}). Nothing is written if a local link,
 * image or anchor is broken ({@link SiteBuildException}).
 *
 * <p>Run by the {@code package} phase of the site module as {@code java org.precis.site.SiteGenerator <docs-dir>
 * <output-dir> --mount api=<javadoc-dir> --navigation <file>}.
 */
public final class SiteGenerator {

    private static final String USAGE = "usage: java org.precis.site.SiteGenerator <docs-dir> <output-dir>"
            + " [--mount <prefix>=<dir>]... [--navigation <file>]";

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
        return generate(docs, output, Mounts.NONE, null);
    }

    /**
     * Generates the site with directories built elsewhere mounted into it and the navigation read from a file.
     *
     * @param docs       the docs directory; not modified
     * @param output     the output directory; its previous content is deleted
     * @param mounts     directories copied into the site under their prefix (such as the Javadoc under
     *                   {@code api/}); pages may link into them
     * @param navigation a navigation file ({@link Navigation}), or null to list every page under its title
     * @return the number of pages written
     * @throws SiteBuildException   if a page or the navigation refers to a local file, page, heading or Javadoc
     *                              anchor that does not exist
     * @throws UncheckedIOException if a file cannot be read or written
     */
    public int generate(Path docs, Path output, Mounts mounts, Path navigation) {
        DocsTree tree = DocsTree.scan(docs);
        List<RenderedPage> pages = tree.pages().stream()
                .map(page -> renderer.render(page, read(tree.root().resolve(page))))
                .toList();
        LinkChecker checker = new LinkChecker(tree, mounts, pages);
        List<String> problems = new ArrayList<>(checker.problems());
        problems.addAll(new MountedHtmlChecker(tree, mounts, checker.htmlIds()).problems());
        Navigation nav = Navigation.ofPages(pages);
        if (navigation != null) {
            nav = Navigation.parse(read(navigation)).withUnlisted(pages);
            problems.addAll(checker.problems(new RenderedPage(Path.of(navigation.getFileName().toString()),
                    "navigation", "", nav.references(), Set.of())));
        }
        if (!problems.isEmpty()) {
            throw new SiteBuildException(problems);
        }
        try {
            deleteRecursively(output);
            PageTemplate template = new PageTemplate(nav);
            for (RenderedPage page : pages) {
                write(output.resolve(page.output()), template.wrap(page));
            }
            for (Path asset : tree.assets()) {
                copy(tree.root().resolve(asset), output.resolve(asset));
            }
            for (Map.Entry<Path, Path> mount : mounts.directories().entrySet()) {
                try (Stream<Path> files = Files.walk(mount.getValue())) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        copy(file, output.resolve(mount.getKey().toString())
                                .resolve(mount.getValue().relativize(file).toString()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the site to " + output, e);
        }
        return pages.size();
    }

    /**
     * Command-line entry point.
     *
     * @param args the docs directory, the output directory, then any number of {@code --mount prefix=dir} and
     *             at most one {@code --navigation file}
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Path output = Path.of(args[1]);
        try {
            Map<Path, Path> mounted = new LinkedHashMap<>();
            Path navigation = null;
            for (int i = 2; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value; " + USAGE);
                }
                switch (args[i]) {
                    case "--mount" -> {
                        Map.Entry<Path, Path> mount = Mounts.parse(args[i + 1]);
                        mounted.put(mount.getKey(), mount.getValue());
                    }
                    case "--navigation" -> navigation = Path.of(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
                }
            }
            int pages = new SiteGenerator().generate(Path.of(args[0]), output, new Mounts(mounted), navigation);
            System.out.println("site: " + pages + " page(s) written to " + output.toAbsolutePath().normalize());
        } catch (SiteBuildException | IllegalArgumentException | UncheckedIOException e) {
            System.err.println("site: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
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
