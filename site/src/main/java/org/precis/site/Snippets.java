package org.precis.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Code shown in Markdown that must equal a source file of the repository, so that a guide or a README can never show
 * code that no longer compiles. A block to check is preceded by a marker naming the file, relative to the repository
 * root, and optionally a tagged region of it:
 *
 * <pre>
 * &lt;!-- include: examples/src/main/java/org/precis/examples/PcClassifier.java#training --&gt;
 * ```java
 * ...the lines between "// tag::training[]" and "// end::training[]", common indentation removed...
 * ```
 * </pre>
 *
 * Without a tag the whole file is shown. Lines holding {@code tag::} or {@code end::} markers never appear in what is
 * shown. Markers are HTML comments, invisible on GitHub and on the site.
 *
 * <p>{@link #check} reports every block that differs; {@link #main} rewrites them from the sources.
 */
public final class Snippets {

    private static final Pattern MARKER = Pattern.compile("^<!-- include: (\\S+?)(?:#([\\w-]+))? -->$");
    private static final Pattern TAG_LINE = Pattern.compile(".*\\b(?:tag|end)::[\\w-]+\\[\\].*");

    private final Path repositoryRoot;

    /**
     * @param repositoryRoot the directory include paths are relative to
     */
    public Snippets(Path repositoryRoot) {
        this.repositoryRoot = repositoryRoot;
    }

    /**
     * The code a marker names.
     *
     * @param file path of the source relative to the repository root
     * @param tag  the region's tag, or null for the whole file
     * @return the lines to show, common indentation removed, ending with a newline
     * @throws IllegalArgumentException if the file or the tag does not exist
     */
    public String code(String file, String tag) {
        Path source = repositoryRoot.resolve(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + source + ": " + e.getMessage(), e);
        }
        if (tag != null) {
            int start = indexOf(lines, "tag::" + tag + "[]", 0);
            int end = start < 0 ? -1 : indexOf(lines, "end::" + tag + "[]", start + 1);
            if (start < 0 || end < 0) {
                throw new IllegalArgumentException(source + " has no region tag::" + tag + "[] ... end::" + tag + "[]");
            }
            lines = lines.subList(start + 1, end);
        }
        List<String> shown = lines.stream().filter(l -> !TAG_LINE.matcher(l).matches()).toList();
        int indent = shown.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String l : shown) {
            out.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return out.toString();
    }

    /**
     * Checks every marked block of a Markdown file.
     *
     * @param markdown the file; not modified
     * @return one message per block that differs from its source (or names a missing file or tag), naming the
     *         Markdown file, its line and the source
     */
    public List<String> check(Path markdown) {
        List<String> problems = new ArrayList<>();
        process(markdown, problems, false);
        return problems;
    }

    /**
     * Rewrites every marked block of a Markdown file from its source.
     *
     * @param markdown the file, rewritten in place if a block changed
     * @return problems that prevented an update (a missing file or tag, a marker without a block)
     */
    public List<String> update(Path markdown) {
        List<String> problems = new ArrayList<>();
        process(markdown, problems, true);
        return problems;
    }

    private void process(Path markdown, List<String> problems, boolean rewrite) {
        List<String> lines = readLines(markdown);
        List<String> out = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < lines.size(); i++) {
            out.add(lines.get(i));
            Matcher m = MARKER.matcher(lines.get(i).strip());
            if (!m.matches()) {
                continue;
            }
            String where = markdown + ":" + (i + 1) + ": ";
            int open = i + 1;
            if (open >= lines.size() || !lines.get(open).startsWith("```")) {
                problems.add(where + "the include marker must be followed by a fenced code block");
                continue;
            }
            int close = open + 1;
            while (close < lines.size() && !lines.get(close).equals("```")) {
                close++;
            }
            if (close >= lines.size()) {
                problems.add(where + "the code block after the include marker is not closed");
                continue;
            }
            String expected;
            try {
                expected = code(m.group(1), m.group(2));
            } catch (IllegalArgumentException e) {
                problems.add(where + e.getMessage());
                continue;
            }
            String shown = String.join("\n", lines.subList(open + 1, close)) + (close > open + 1 ? "\n" : "");
            out.add(lines.get(open));
            if (!shown.equals(expected)) {
                if (!rewrite) {
                    problems.add(where + "the code block differs from " + m.group(1)
                            + (m.group(2) == null ? "" : "#" + m.group(2))
                            + " (update it: java -cp site/target/classes org.precis.site.Snippets --update "
                            + markdown + ")");
                }
                changed = true;
                expected.lines().forEach(out::add);
            } else {
                out.addAll(lines.subList(open + 1, close));
            }
            out.add(lines.get(close));
            i = close;
        }
        if (rewrite && changed) {
            try {
                Files.writeString(markdown, String.join("\n", out) + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + markdown, e);
            }
        }
    }

    private static int indexOf(List<String> lines, String marker, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Checks, or with {@code --update} rewrites, the marked blocks of the given Markdown files; include paths are
     * relative to the current directory (run it from the repository root).
     *
     * @param args {@code [--update] FILE...}
     */
    public static void main(String[] args) {
        boolean update = args.length > 0 && args[0].equals("--update");
        Snippets snippets = new Snippets(Path.of(""));
        List<String> problems = new ArrayList<>();
        for (int i = update ? 1 : 0; i < args.length; i++) {
            Path file = Path.of(args[i]);
            problems.addAll(update ? snippets.update(file) : snippets.check(file));
        }
        problems.forEach(System.err::println);
        System.exit(problems.isEmpty() ? 0 : 1);
    }
}
