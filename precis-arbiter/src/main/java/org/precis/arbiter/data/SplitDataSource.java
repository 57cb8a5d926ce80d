package org.precis.arbiter.data;

import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.precis.data.ShuffledDataSetIterator;

/**
 * Arbiter's view of a {@link ValidationSplit}: training batches for the candidates, the validation part for the
 * score.
 *
 * <p>Arbiter creates a data source by class name, through its no-argument constructor, for every candidate and
 * again for every score, and passes it only string properties. So the split, loaded once, is
 * {@linkplain #register registered} in this JVM under a token, and the properties carry the token, the batch
 * size and the shuffling seed. Every candidate thus trains on the same batches in the same order.
 */
public class SplitDataSource implements DataSource {

    /** Property: token of the registered split. */
    public static final String TOKEN = "precis.split.token";
    /** Property: training batch size. */
    public static final String BATCH = "precis.split.batch";
    /** Property: seed of the training data order. */
    public static final String SEED = "precis.split.seed";
    /** Batch size of validation (any size gives the same accuracy; larger is faster). */
    static final int VALIDATION_BATCH = 1000;

    private static final long serialVersionUID = 1L;
    private static final Map<String, ValidationSplit> SPLITS = new ConcurrentHashMap<>();

    private transient ValidationSplit split;
    private int batch;
    private long seed;

    /**
     * Makes {@code split} available to data sources configured with the returned properties, until the
     * returned registration is closed.
     */
    public static Registration register(ValidationSplit split, int batch, long seed) {
        String token = UUID.randomUUID().toString();
        SPLITS.put(token, split);
        Properties p = new Properties();
        p.setProperty(TOKEN, token);
        p.setProperty(BATCH, Integer.toString(batch));
        p.setProperty(SEED, Long.toString(seed));
        return new Registration(token, p);
    }

    /**
     * A registered split; closing it forgets the split.
     *
     * @param token      the split's key
     * @param properties the data source properties to hand to Arbiter
     */
    public record Registration(String token, Properties properties) implements AutoCloseable {
        @Override
        public void close() {
            SPLITS.remove(token);
        }
    }

    @Override
    public void configure(Properties properties) {
        String token = properties.getProperty(TOKEN);
        split = token == null ? null : SPLITS.get(token);
        if (split == null) {
            throw new IllegalStateException("SplitDataSource: no registered split for token " + token);
        }
        batch = Integer.parseInt(properties.getProperty(BATCH));
        seed = Long.parseLong(properties.getProperty(SEED));
    }

    /** @return shuffled training batches of the training part, the same order for every candidate */
    @Override
    public Object trainData() {
        return new ShuffledDataSetIterator(split.train(), batch, true, seed);
    }

    /** @return the validation part, in order */
    @Override
    public Object testData() {
        return new ShuffledDataSetIterator(split.validation(), VALIDATION_BATCH, false, 0);
    }

    @Override
    public Class<?> getDataType() {
        return DataSetIterator.class;
    }
}
