package org.precis.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of a docs directory, split into Markdown pages and everything else (assets), each as a path relative
 * to the root. Pages are ordered with {@code index.md} first and the others by path, which is also the order of the
 * navigation bar.
 *
 * @param root   the docs directory, absolute and normalised
 * @param pages  the {@code *.md} files, relative to {@code root}
 * @param assets every other regular file, relative to {@code root}
 */
record DocsTree(Path root, List<Path> pages, List<Path> assets) {

    static final String MARKDOWN_SUFFIX = ".md";
    private static final Path INDEX = Path.of("index" + MARKDOWN_SUFFIX);

    DocsTree {
        pages = List.copyOf(pages);
        assets = List.copyOf(assets);
    }

    /**
     * Lists the files under {@code root}, hidden files and directories (names starting with a dot) left out.
     *
     * @param root the docs directory; not modified
     * @return the tree
     * @throws IllegalArgumentException if {@code root} is not a directory
     */
    static DocsTree scan(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new IllegalArgumentException("docs directory does not exist: " + absolute);
        }
        List<Path> pages = new ArrayList<>();
        List<Path> assets = new ArrayList<>();
        try (Stream<Path> files = Files.walk(absolute)) {
            files.filter(Files::isRegularFile)
                    .map(absolute::relativize)
                    .filter(relative -> !isHidden(relative))
                    .forEach(relative -> (isPage(relative) ? pages : assets).add(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + absolute, e);
        }
        pages.sort(Comparator.comparing((Path page) -> !page.equals(INDEX)).thenComparing(DocsTree::slashed));
        assets.sort(Comparator.comparing(DocsTree::slashed));
        return new DocsTree(absolute, pages, assets);
    }

    /** Whether {@code relative} (a path relative to the root, file or directory) exists in the tree. */
    boolean exists(Path relative) {
        return Files.exists(root.resolve(relative));
    }

    /** The HTML file a page is rendered to, relative to the output root: {@code a/b.md -> a/b.html}. */
    static Path htmlPath(Path page) {
        String name = page.getFileName().toString();
        return page.resolveSibling(name.substring(0, name.length() - MARKDOWN_SUFFIX.length()) + ".html");
    }

    /** The Markdown page an HTML path of the site is rendered from: {@code a/b.html -> a/b.md}. */
    static Path markdownPath(Path html) {
        String name = html.getFileName().toString();
        return name.endsWith(".html")
                ? html.resolveSibling(name.substring(0, name.length() - ".html".length()) + MARKDOWN_SUFFIX)
                : html;
    }

    /** A relative path with forward slashes, as used in URLs. */
    static String slashed(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    private static boolean isPage(Path relative) {
        return relative.getFileName().toString().endsWith(MARKDOWN_SUFFIX);
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
