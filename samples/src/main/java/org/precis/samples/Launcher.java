package org.precis.samples;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Main class of {@code precis-samples.jar}. The jar is thin: its manifest's {@code Class-Path} names the libraries
 * in the {@code lib/} directory beside it. This class uses none of them; it first checks they are all there, so
 * that a jar copied without {@code lib/} says so instead of failing with {@code NoClassDefFoundError}, then starts
 * {@link PrecisCli}.
 */
public final class Launcher {

    /** Exit status when the jar's libraries are missing. */
    static final int EXIT_MISSING_LIBRARIES = 1;

    private Launcher() {
    }

    /** Entry point of {@code precis-samples.jar}. */
    public static void main(String[] args) throws Throwable {
        Path jar = ownJar();
        if (jar != null) {
            List<Path> libraries = libraries(jar);
            List<Path> missing = libraries.stream().filter(p -> !Files.exists(p)).toList();
            if (!missing.isEmpty()) {
                System.err.println(missingLibrariesMessage(jar, missing, libraries.size()));
                System.exit(EXIT_MISSING_LIBRARIES);
            }
        }
        // Looked up by name, so that this class links without picocli on the class path.
        MethodHandles.publicLookup().findStatic(Class.forName("org.precis.samples.PrecisCli"), "main",
                MethodType.methodType(void.class, String[].class)).invokeExact(args);
    }

    /** The jar this class was loaded from, or null when it was not loaded from a jar (an IDE, the tests). */
    private static Path ownJar() throws URISyntaxException {
        var source = Launcher.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return null;
        }
        Path path = Path.of(source.getLocation().toURI());
        return Files.isRegularFile(path) && path.toString().endsWith(".jar") ? path : null;
    }

    /** The entries of the jar's manifest {@code Class-Path}, resolved against the jar's directory. */
    static List<Path> libraries(Path jar) throws IOException {
        List<Path> libraries = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null || classPath.isBlank()) {
                return libraries;
            }
            URI base = jar.toAbsolutePath().getParent().toUri();
            for (String entry : classPath.trim().split("\\s+")) {
                libraries.add(Path.of(base.resolve(entry)));
            }
        }
        return libraries;
    }

    static String missingLibrariesMessage(Path jar, List<Path> missing, int needed) {
        return "precis: " + jar.getFileName() + " cannot start: " + missing.size() + " of the " + needed
                + " libraries it needs are missing from " + missing.get(0).getParent() + " (for example "
                + missing.get(0).getFileName() + "). The jar runs with the lib/ directory that 'mvn package' puts "
                + "beside it (samples/target/lib): copy or move the two together.";
    }
}
