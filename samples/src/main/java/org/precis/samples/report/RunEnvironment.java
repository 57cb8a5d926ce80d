package org.precis.samples.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The library versions and the machine a run used, for {@code results.json}: figures mean little without them.
 */
public final class RunEnvironment {

    private RunEnvironment() {
    }

    /** Library versions (Precis, DL4J/ND4J, the ND4J backend in use). */
    public static Map<String, Object> versions() {
        Properties build = new Properties();
        try (InputStream in = RunEnvironment.class.getResourceAsStream("/org/precis/samples/build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("precis", build.getProperty("precis.version", "unknown"));
        v.put("deeplearning4j", build.getProperty("dl4j.version", "unknown"));
        v.put("nd4jBackend", Nd4j.getBackend().getClass().getSimpleName());
        v.put("java", System.getProperty("java.version"));
        return v;
    }

    /** The machine: OS, cores, JVM heap limit and the thread setting that matters most for ND4J speed. */
    public static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("arch", System.getProperty("os.arch"));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        String omp = System.getenv("OMP_NUM_THREADS");
        m.put("OMP_NUM_THREADS", omp == null ? "unset" : omp);
        return m;
    }
}
