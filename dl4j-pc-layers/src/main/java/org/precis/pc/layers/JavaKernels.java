package org.precis.pc.layers;

import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * When the relaxation's Java kernels ({@link FloatTanhKernel}, {@link FloatCategoricalEnergy}) may replace ND4J's
 * ops: they are on (the system property {@value #PROPERTY}, default {@code true}) and the buffer is one they can
 * read and write in place through a {@link java.nio.FloatBuffer}: {@code FLOAT}, c-ordered, a whole buffer from
 * offset 0, in host memory (the CPU backend).
 */
final class JavaKernels {

    /** System property that turns the Java kernels off ({@code false}); default on. */
    static final String PROPERTY = "org.precis.pc.javaKernels";

    private static volatile boolean enabled = !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"));

    private JavaKernels() {
    }

    /** @return whether the kernels are on */
    static boolean enabled() {
        return enabled;
    }

    /**
     * For tests and for ruling the kernels out when chasing a numerical difference: engines built afterwards use
     * ND4J's ops when {@code false}. The system property {@value #PROPERTY} sets the default.
     *
     * @param on whether to use the kernels
     */
    static void setEnabled(boolean on) {
        enabled = on;
    }

    /**
     * @param buffer an engine buffer
     * @return whether the kernels are on and can work on this buffer
     */
    static boolean accept(INDArray buffer) {
        return enabled && buffer.dataType() == DataType.FLOAT && buffer.ordering() == 'c' && buffer.offset() == 0
                && buffer.rank() == 2 && buffer.length() == buffer.data().length() && Nd4j.getEnvironment().isCPU()
                && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    }
}
