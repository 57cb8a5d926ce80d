package org.precis.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks the local links of the HTML files of mounted directories (the Javadoc): every {@code href} and {@code src}
 * that is not external must name a file of the site, and a fragment of another mounted HTML file must be an id in it.
 * Links within one page are left alone (the Javadoc tool writes some to ids it never writes). The
 * Javadoc tool writes these links itself; what can break are the links between modules (one module's Javadoc naming
 * another's classes) and anything a later change of the site's layout would move.
 */
final class MountedHtmlChecker {

    private static final Pattern REFERENCE = Pattern.compile("\\s(?:href|src)=\"([^\"]*)\"");

    private final DocsTree tree;
    private final Mounts mounts;
    private final HtmlIds htmlIds;

    /**
     * @param tree    the docs tree (pages and assets the Javadoc may link to)
     * @param mounts  the mounted directories to check
     * @param htmlIds the id cache shared with the page check
     */
    MountedHtmlChecker(DocsTree tree, Mounts mounts, HtmlIds htmlIds) {
        this.tree = tree;
        this.mounts = mounts;
        this.htmlIds = htmlIds;
    }

    /** @return one message per broken link, naming the file (relative to the site) and the destination */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Path, Path> mount : mounts.directories().entrySet()) {
            try (Stream<Path> files = Files.walk(mount.getValue())) {
                for (Path file : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                    Path sitePath = mount.getKey().resolve(mount.getValue().relativize(file).toString());
                    check(sitePath, read(file), problems);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + mount.getValue(), e);
            }
        }
        return problems;
    }

    private void check(Path sitePath, String html, List<String> problems) {
        Matcher m = REFERENCE.matcher(html);
        while (m.find()) {
            String destination = m.group(1).replace("&amp;", "&");
            if (destination.startsWith("javascript:")) {
                continue;
            }
            Optional<LocalLink> parsed = LocalLink.parse(destination);
            if (parsed.isEmpty()) {
                continue;
            }
            String problem = problem(sitePath, parsed.get());
            if (problem != null) {
                problems.add(DocsTree.slashed(sitePath) + ": link '" + destination + "' " + problem);
            }
        }
    }

    private String problem(Path sitePath, LocalLink link) {
        if (link.isSamePage()) {
            // The Javadoc tool's own in-page anchors: JDK 17's constant-values page links its contents to package-group
            // ids it never writes (#org.precis), which no change of ours can fix.
            return null;
        }
        Path parent = sitePath.getParent();
        Path target = (parent == null ? Path.of(link.decodedPath()) : parent.resolve(link.decodedPath())).normalize();
        if (target.startsWith("..")) {
            return "points outside the site";
        }
        Optional<Path> mounted = mounts.resolve(target);
        if (mounted.isEmpty()) {
            return tree.exists(target) || tree.exists(DocsTree.markdownPath(target)) ? null
                    : "names no file of the site";
        }
        Path file = mounted.get();
        if (!Files.exists(file)) {
            return "does not exist (looked for " + file + ")";
        }
        String fragment = link.fragment();
        if (fragment == null || fragment.isEmpty() || !file.toString().endsWith(".html")) {
            return null;
        }
        var ids = htmlIds.of(file);
        return ids.contains(fragment) || ids.contains(LocalLink.decode(fragment)) ? null
                : "names no element id of " + file;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
