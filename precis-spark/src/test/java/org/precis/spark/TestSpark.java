package org.precis.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.dataset.DataSet;
import org.precis.data.ShuffledDataSetIterator;

/** What the Spark tests share: a local context bound to loopback, and data as an RDD of minibatches. */
public final class TestSpark {

    private TestSpark() {
    }

    /** @return a context with {@code threads} worker threads in this JVM */
    public static JavaSparkContext local(int threads, String name) {
        return SparkContexts.start("local[" + threads + "]", name);
    }

    /** @return the first {@code count} minibatches of {@code batchSize} examples of {@code data}, in order */
    public static List<DataSet> batches(DataSet data, int batchSize, int count) {
        ShuffledDataSetIterator it = new ShuffledDataSetIterator(data, batchSize, false, 0);
        List<DataSet> out = new ArrayList<>();
        while (it.hasNext() && out.size() < count) {
            out.add(it.next());
        }
        return out;
    }

    /** @return {@code batches} as an RDD of {@code partitions} partitions, order kept within each */
    public static JavaRDD<DataSet> rdd(JavaSparkContext sc, List<DataSet> batches, int partitions) {
        return sc.parallelize(batches, partitions);
    }
}
