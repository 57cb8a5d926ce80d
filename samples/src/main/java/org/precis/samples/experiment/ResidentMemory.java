package org.precis.samples.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The resident memory of this process (Java heap, ND4J's off-heap buffers and native libraries alike), read from
 * Linux's {@code /proc/self/status}: what grows when a long run leaks.
 */
public final class ResidentMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final String FIELD = "VmRSS:";
    private static final double KIB_PER_MIB = 1024.0;

    private ResidentMemory() {
    }

    /** @return resident memory in MiB, or NaN where {@code /proc/self/status} does not exist */
    public static double mebibytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(FIELD)) {
                    // "VmRSS:    123456 kB"
                    return Long.parseLong(line.substring(FIELD.length()).replace("kB", "").trim()) / KIB_PER_MIB;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
