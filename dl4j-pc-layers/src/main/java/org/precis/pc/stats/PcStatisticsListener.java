package org.precis.pc.stats;

import java.util.function.Consumer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training listener that takes a {@link PcStatistics} snapshot of every predictive-coding layer (supervised or
 * generative) every {@code frequency} iterations, during {@code fit} and {@code pretrain}, and hands it to a
 * consumer (by default: logged at INFO through SLF4J). Use it to log or plot per-level energy across relaxation
 * and the learned precisions.
 *
 * <pre>{@code
 * List<PcStatistics> seen = new ArrayList<>();
 * net.setListeners(new PcStatisticsListener(50, seen::add));
 * }</pre>
 */
public class PcStatisticsListener extends BaseTrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(PcStatisticsListener.class);

    private final int frequency;
    private final Consumer<PcStatistics> consumer;

    /**
     * Logs a snapshot every {@code frequency} iterations.
     *
     * @param frequency iterations between snapshots, at least 1
     */
    public PcStatisticsListener(int frequency) {
        this(frequency, s -> LOG.info("{}", s));
    }

    /**
     * @param frequency iterations between snapshots, at least 1
     * @param consumer receives each snapshot
     */
    public PcStatisticsListener(int frequency, Consumer<PcStatistics> consumer) {
        if (frequency < 1) {
            throw new IllegalArgumentException("PcStatisticsListener: frequency must be >= 1, got " + frequency);
        }
        this.frequency = frequency;
        this.consumer = consumer;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (iteration % frequency == 0) {
            PcStatistics.collect(model, iteration).forEach(consumer);
        }
    }
}
