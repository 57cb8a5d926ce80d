package org.precis.samples.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks an output directory before any data is read or any training time is spent: it must be a directory that
 * can be created and written, and a new run must not write over the files of an earlier one.
 */
public final class OutputDirectory {

    private OutputDirectory() {
    }

    /**
     * Makes sure {@code dir} is new or empty, and writable (see {@link #prepare}).
     *
     * @param spec   the command whose option names the directory
     * @param option the option as typed ({@code --out})
     * @param dir    the directory
     * @param hint   what to do instead when it already holds files (e.g. "continue that run with --resume DIR")
     * @return {@code dir}
     * @throws ParameterException (exit status 2) naming the option, the directory and what is wrong
     */
    public static Path prepareEmpty(CommandSpec spec, String option, Path dir, String hint) {
        Path ready = prepare(spec, option, dir);
        if (!isEmpty(spec, option, ready)) {
            throw OptionChecks.invalid(spec, option, dir, "it already holds files; " + hint);
        }
        return ready;
    }

    /**
     * Makes sure {@code dir} is, or can be created as, a writable directory; it may hold files. A directory that
     * does not exist yet is created for the check and removed again (its writer creates it when it writes).
     *
     * @throws ParameterException (exit status 2) naming the option, the directory and what is wrong
     */
    public static Path prepare(CommandSpec spec, String option, Path dir) {
        if (dir.toString().isBlank()) {
            throw OptionChecks.invalid(spec, option, "''", "an empty name; give a directory");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw OptionChecks.invalid(spec, option, dir, "it is a file, not a directory");
        }
        // Create what is missing to prove it can be written, then remove what was created: a run that fails
        // before writing anything (missing data, say) leaves no empty directory behind.
        Path firstCreated = null;
        for (Path p = dir.toAbsolutePath().normalize(); p != null && !Files.exists(p); p = p.getParent()) {
            firstCreated = p;
        }
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".precis-write-check", ".tmp"));
            if (firstCreated != null) {
                for (Path p = dir.toAbsolutePath().normalize(); p.startsWith(firstCreated); p = p.getParent()) {
                    Files.delete(p);
                }
            }
        } catch (FileSystemException e) {
            throw OptionChecks.invalid(spec, option, dir, "cannot create or write it: " + reason(e));
        } catch (IOException e) {
            throw OptionChecks.invalid(spec, option, dir, "cannot create or write it: " + e.getMessage());
        }
        return dir;
    }

    /** Whether the directory holds no entry at all (true when it does not exist). */
    public static boolean isEmpty(CommandSpec spec, String option, Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw OptionChecks.invalid(spec, option, dir, "cannot list it: " + e.getMessage());
        }
    }

    private static String reason(FileSystemException e) {
        String why = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        return e.getFile() == null ? why : why + " (" + e.getFile() + ")";
    }
}
