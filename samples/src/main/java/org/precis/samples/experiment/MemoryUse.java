package org.precis.samples.experiment;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.memory.AllocationsTracker;
import org.nd4j.linalg.api.memory.enums.AllocationKind;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where the memory of this process is, sampled after each epoch ({@code results.json}'s {@code memoryPerEpoch}),
 * all in MiB. The resident size alone cannot tell a leak from a JVM that is still growing towards its limits: the
 * Java heap is committed lazily up to {@code -Xmx}, and ND4J's off-heap array memory is freed only when the garbage
 * collector finds the arrays unreachable, so both rise for many epochs in a healthy run. What grows without bound in
 * a leak is what is still in use: the heap after a collection, and ND4J's arrays and workspaces.
 *
 * @param residentMiB       resident memory of the process (Java heap, ND4J's off-heap buffers, native libraries and
 *                          the allocator's free lists alike), from Linux's {@code /proc/self/status}; NaN elsewhere
 * @param heapCommittedMiB  Java heap the JVM has taken from the operating system (at most {@code -Xmx})
 * @param heapAfterGcMiB    Java heap in use just after the most recent garbage collection: live objects plus old
 *                          garbage the collection did not reach; NaN before the first collection
 * @param nd4jArraysMiB     ND4J array buffers outside workspaces not yet freed (libnd4j's host allocation counter):
 *                          arrays in use plus unreachable arrays whose memory waits for the garbage collector
 * @param nd4jWorkspacesMiB memory held by ND4J workspaces, which keep it for reuse until they are destroyed
 * @param javacppMiB        native memory allocated through JavaCPP pointers (index and shape buffers of ND4J's native
 *                          calls) not yet freed: in use, or waiting for the garbage collector like ND4J's arrays
 */
public record MemoryUse(double residentMiB, double heapCommittedMiB, double heapAfterGcMiB, double nd4jArraysMiB,
        double nd4jWorkspacesMiB, double javacppMiB) {

    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;
    /** libnd4j counts every host allocation of the CPU backend against device 0. */
    private static final int CPU_DEVICE = 0;

    /** Samples the memory of this process now. */
    public static MemoryUse now() {
        return new MemoryUse(ResidentMemory.mebibytes(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / BYTES_PER_MIB,
                heapAfterLastCollection(),
                Nd4j.getEnvironment().getDeviceCouner(CPU_DEVICE) / BYTES_PER_MIB,
                AllocationsTracker.getInstance().bytesOnDevice(AllocationKind.WORKSPACE, CPU_DEVICE) / BYTES_PER_MIB,
                Pointer.totalBytes() / BYTES_PER_MIB);
    }

    /** Heap pools' use after the latest collection of any collector, or NaN before the first one. */
    private static double heapAfterLastCollection() {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        com.sun.management.GcInfo latest = null;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof com.sun.management.GarbageCollectorMXBean hotspot) {
                com.sun.management.GcInfo info = hotspot.getLastGcInfo();
                if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
                    latest = info;
                }
            }
        }
        if (latest == null) {
            return Double.NaN;
        }
        long bytes = 0;
        for (Map.Entry<String, MemoryUsage> pool : latest.getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                bytes += pool.getValue().getUsed();
            }
        }
        return bytes / BYTES_PER_MIB;
    }
}
