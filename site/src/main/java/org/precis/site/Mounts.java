package org.precis.site;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Directories built elsewhere that the site includes under a path prefix, such as each library module's Javadoc under
 * {@code api/<module>/}. Their files are copied into the site as they are (not rendered), and pages may link into
 * them: the link check looks for the file in the mounted directory and, for a fragment of an HTML file, for an
 * element with that id.
 */
public final class Mounts {

    /** No mounted directories. */
    public static final Mounts NONE = new Mounts(Map.of());

    private final Map<Path, Path> directories;

    /**
     * @param directories prefix (a relative path inside the site, such as {@code api}) to the directory mounted
     *                    there; not modified
     * @throws IllegalArgumentException if a mounted directory does not exist or a prefix is not relative
     */
    public Mounts(Map<Path, Path> directories) {
        Map<Path, Path> checked = new LinkedHashMap<>();
        directories.forEach((prefix, directory) -> {
            if (prefix.isAbsolute() || prefix.normalize().startsWith("..")) {
                throw new IllegalArgumentException("mount prefix must be a relative path inside the site: " + prefix);
            }
            Path absolute = directory.toAbsolutePath().normalize();
            if (!Files.isDirectory(absolute)) {
                throw new IllegalArgumentException("mounted directory does not exist: " + absolute + " (mounted at "
                        + prefix + "/)");
            }
            checked.put(prefix.normalize(), absolute);
        });
        this.directories = Map.copyOf(checked);
    }

    /**
     * Parses {@code prefix=directory}, the form of the generator's {@code --mount} argument.
     *
     * @param spec such as {@code api=/path/to/apidocs}
     * @return the prefix and the directory
     * @throws IllegalArgumentException if there is no {@code =}
     */
    static Map.Entry<Path, Path> parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("a mount is written prefix=directory, got '" + spec + "'");
        }
        return Map.entry(Path.of(spec.substring(0, eq)), Path.of(spec.substring(eq + 1)));
    }

    /** @return prefix to absolute directory, in the order given */
    Map<Path, Path> directories() {
        return directories;
    }

    /**
     * The mounted file or directory a site path names, if it lies under a mount prefix.
     *
     * @param relative a normalised path relative to the site root
     * @return the real path (which may not exist), or empty if no mount covers {@code relative}
     */
    Optional<Path> resolve(Path relative) {
        for (Map.Entry<Path, Path> mount : directories.entrySet()) {
            if (relative.startsWith(mount.getKey())) {
                return Optional.of(mount.getValue().resolve(mount.getKey().relativize(relative).toString()));
            }
        }
        return Optional.empty();
    }
}
