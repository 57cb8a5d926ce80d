package org.precis.spark;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.time.SystemClockTimeSource;
import org.deeplearning4j.spark.time.TimeSourceProvider;

/**
 * Spark configurations for training Precis networks: on one machine ({@code local[N]}), on a local cluster of
 * executor JVMs ({@code local-cluster[E,C,M]}) or on a real cluster ({@code spark://...}, YARN, Kubernetes).
 *
 * <p>Every JVM that runs Spark on Java 17 needs {@link #JAVA_17_OPTIONS}: the driver on its command line (set
 * before it starts), the executors through {@code spark.executor.extraJavaOptions}, which {@link #conf} sets.
 */
public final class SparkContexts {

    /**
     * Spark's own Java 17 module flags (its {@code JavaModuleOptions}): without them Spark's serialisers and
     * off-heap buffers fail with {@code InaccessibleObjectException}.
     */
    public static final List<String> JAVA_17_OPTIONS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED");

    /**
     * DL4J's training statistics time-stamp events with a clock that by default queries a public NTP server; this
     * system property, set by {@link #conf} in the driver and passed to the executors, makes them use the local clock.
     */
    public static final String LOCAL_CLOCK_OPTION = "-D" + TimeSourceProvider.TIMESOURCE_CLASSNAME_PROPERTY + "="
            + SystemClockTimeSource.class.getName();

    /** Address everything binds to unless the cluster says otherwise: loopback, so nothing listens outside. */
    public static final String LOOPBACK = "127.0.0.1";

    private SparkContexts() {
    }

    /**
     * A configuration for {@code master}, with the settings this module's training relies on: executors get the
     * Java 17 flags, the local clock for DL4J's statistics ({@link #LOCAL_CLOCK_OPTION}, also set in this JVM) and one
     * OpenMP thread; Spark's web UI is off. When the JVM was not started by
     * {@code spark-submit} (no {@code spark.master} system property), the driver binds to loopback.
     *
     * @param master  {@code local[N]}, {@code local-cluster[E,C,M]}, {@code spark://host:port}, ...; ignored when
     *                {@code spark-submit} already set one
     * @param appName the application name shown by the cluster
     * @return the configuration; callers may add to it
     */
    public static SparkConf conf(String master, String appName) {
        if (System.getProperty(TimeSourceProvider.TIMESOURCE_CLASSNAME_PROPERTY) == null) {
            System.setProperty(TimeSourceProvider.TIMESOURCE_CLASSNAME_PROPERTY,
                    SystemClockTimeSource.class.getName());
        }
        SparkConf conf = new SparkConf().setAppName(appName);
        if (!conf.contains("spark.master")) {
            conf.setMaster(master);
            conf.set("spark.driver.host", LOOPBACK);
            conf.set("spark.driver.bindAddress", LOOPBACK);
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.executor.extraJavaOptions", String.join(" ", JAVA_17_OPTIONS) + " "
                + LOCAL_CLOCK_OPTION);
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1");
        return conf;
    }

    /** @return a context for {@link #conf(String, String)} */
    public static JavaSparkContext start(String master, String appName) {
        return new JavaSparkContext(conf(master, appName));
    }
}
