package org.precis.pc.stats;

import java.util.function.Consumer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training listener that takes a {@link GenerativePcStatistics} snapshot of every generative predictive-coding
 * layer every {@code frequency} iterations, during {@code pretrain} as well as {@code fit}, and hands it to a
 * consumer (by default: logged at INFO through SLF4J). The counterpart of {@link PcStatisticsListener}.
 *
 * <pre>{@code
 * List<GenerativePcStatistics> seen = new ArrayList<>();
 * net.setListeners(new GenerativePcStatisticsListener(50, seen::add));
 * net.pretrain(iter);
 * }</pre>
 */
public class GenerativePcStatisticsListener extends BaseTrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(GenerativePcStatisticsListener.class);

    private final int frequency;
    private final Consumer<GenerativePcStatistics> consumer;

    /**
     * Logs a snapshot every {@code frequency} iterations.
     *
     * @param frequency iterations between snapshots, at least 1
     */
    public GenerativePcStatisticsListener(int frequency) {
        this(frequency, s -> LOG.info("{}", s));
    }

    /**
     * @param frequency iterations between snapshots, at least 1
     * @param consumer receives each snapshot
     */
    public GenerativePcStatisticsListener(int frequency, Consumer<GenerativePcStatistics> consumer) {
        if (frequency < 1) {
            throw new IllegalArgumentException("GenerativePcStatisticsListener: frequency must be >= 1, got "
                    + frequency);
        }
        this.frequency = frequency;
        this.consumer = consumer;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (iteration % frequency == 0) {
            GenerativePcStatistics.collect(model, iteration).forEach(consumer);
        }
    }
}
