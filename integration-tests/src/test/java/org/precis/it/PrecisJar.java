package org.precis.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code precis-samples.jar} in its own JVM, exactly as the README tells users to: the thin jar with its
 * {@code lib/} directory, {@code java -jar}, one OpenMP thread.
 */
final class PrecisJar {

    /** Longest a run of the integration tests may take. */
    static final long TIMEOUT_MINUTES = 5;

    private PrecisJar() {
    }

    /** Exit status and combined standard output and error of one run. */
    record Run(int exitCode, String output) {

        /** The output's lines. */
        List<String> lines() {
            return output.lines().toList();
        }
    }

    /** {@code base} followed by {@code more}: a test's fixed arguments with those of one invocation. */
    static String[] args(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** The jar that {@code mvn package} built in the samples module. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("precis.samples.jar"));
        assertThat(jar).as("mvn package builds the runnable jar").exists();
        return jar;
    }

    /** Runs the jar to its end in {@code workDir}. */
    static Run run(Path workDir, String... args) throws IOException, InterruptedException {
        return run(workDir, Map.of(), args);
    }

    /** Runs the jar to its end in {@code workDir} with extra environment variables. */
    static Run run(Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(jar(), workDir, env, args);
    }

    /** Runs {@code jar} to its end. */
    static Run run(Path jar, Path workDir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(workDir, "precis", ".log");
        Process process = start(jar, workDir, log, env, args);
        assertThat(process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)).as("finished in time").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Run(process.exitValue(), output);
    }

    /** Starts the jar in the background, standard output and error going to {@code log}. */
    static Process start(Path workDir, Path log, String... args) throws IOException {
        return start(jar(), workDir, log, Map.of(), args);
    }

    private static Process start(Path jar, Path workDir, Path log, Map<String, String> env, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g", "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().putAll(env);
        return pb.start();
    }
}
