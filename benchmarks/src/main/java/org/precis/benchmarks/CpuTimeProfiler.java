package org.precis.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds CPU time per operation to every result, beside JMH's wall time: {@code ·cpu.benchmark}, the CPU time of the
 * threads that run the benchmark method, and {@code ·cpu.process}, that of the whole forked JVM (garbage collector,
 * compiler and off-heap deallocator threads included), both in the benchmark's time unit.
 *
 * <p>On a machine shared with other processes, wall time moves with their load while the CPU time of the
 * benchmark's own thread moves much less (only through caches and shared cores), so the CPU figures compare builds
 * and settings measured at different moments. Each iteration's figure includes its {@code @Setup(Level.Iteration)}
 * (a fresh network: a few milliseconds against iterations of seconds).
 *
 * <p>Use: {@code java -jar precis-benchmarks.jar -prof org.precis.benchmarks.CpuTimeProfiler ...}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    /** JMH names the threads that run benchmark methods {@code <benchmark>-jmh-worker-<n>}. */
    private static final String WORKER_THREAD = "-jmh-worker-";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean system =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long benchmarkStart;
    private long processStart;

    @Override
    public String getDescription() {
        return "CPU time per operation of the benchmark threads and of the whole JVM";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        benchmarkStart = benchmarkThreadsCpuNanos();
        processStart = system.getProcessCpuTime();
    }

    @Override
    public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                 IterationResult result) {
        long ops = Math.max(1, result.getMetadata().getMeasuredOps());
        TimeUnit unit = benchmarkParams.getTimeUnit();
        double nanosPerUnit = TimeUnit.NANOSECONDS.convert(1, unit);
        String label = shortName(unit) + "/op";
        double benchmark = (benchmarkThreadsCpuNanos() - benchmarkStart) / nanosPerUnit / ops;
        double process = (system.getProcessCpuTime() - processStart) / nanosPerUnit / ops;
        return List.of(new ScalarResult("cpu.benchmark", benchmark, label, AggregationPolicy.AVG),
                new ScalarResult("cpu.process", process, label, AggregationPolicy.AVG));
    }

    /** @return the CPU time so far of every live thread that runs benchmark methods */
    private long benchmarkThreadsCpuNanos() {
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(WORKER_THREAD)) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    private static String shortName(TimeUnit unit) {
        return switch (unit) {
            case NANOSECONDS -> "ns";
            case MICROSECONDS -> "us";
            case MILLISECONDS -> "ms";
            case SECONDS -> "s";
            default -> unit.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
