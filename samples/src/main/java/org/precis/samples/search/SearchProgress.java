package org.precis.samples.search;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.BaseStatusListener;
import org.deeplearning4j.nn.api.Model;
import org.precis.samples.experiment.Progress;

/**
 * Turns Arbiter's status events into the program's usual {@link Progress} line (candidate, epoch, batch, loss,
 * time left for the whole search), ends each candidate's line with its validation accuracy, and records each
 * candidate's training time.
 *
 * <p>Arbiter runs one candidate at a time here, announces each as created, then reports every training batch
 * through {@link #onCandidateIteration} and the end through a status change to complete.
 */
final class SearchProgress extends BaseStatusListener {

    private final Progress progress;
    private final int candidates;
    private final int epochs;
    private final int batchesPerEpoch;
    private final Map<Integer, Double> seconds = new ConcurrentHashMap<>();
    private int current = -1;
    private int batches;
    private long start;
    private double best = Double.NaN;

    /**
     * @param progress        the progress line, sized for {@code candidates * epochs * batchesPerEpoch} batches
     * @param candidates      candidates the search will train
     * @param epochs          epochs per candidate
     * @param batchesPerEpoch training batches per epoch
     */
    SearchProgress(Progress progress, int candidates, int epochs, int batchesPerEpoch) {
        this.progress = progress;
        this.candidates = candidates;
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
    }

    @Override
    public synchronized void onCandidateIteration(CandidateInfo info, Object model, int iteration) {
        if (info.getIndex() != current) {
            start(info.getIndex());
        }
        batches++;
        int epoch = Math.min(epochs, (batches - 1) / batchesPerEpoch + 1);
        int batch = batches - (epoch - 1) * batchesPerEpoch;
        progress.batchDone(epoch, epochs, batch, batchesPerEpoch, ((Model) model).score());
    }

    /** A candidate is queued right when the previous one ends, and then starts at once: its clock starts here. */
    @Override
    public synchronized void onCandidateStatusChange(CandidateInfo info, IOptimizationRunner runner,
            OptimizationResult result) {
        if (info.getCandidateStatus() == CandidateStatus.Created) {
            // The task may already have reported its first batch (it runs on another thread).
            if (info.getIndex() != current) {
                start(info.getIndex());
            }
            return;
        }
        if (info.getCandidateStatus() != CandidateStatus.Complete || info.getIndex() != current) {
            return;
        }
        double s = (System.nanoTime() - start) / 1e9;
        seconds.put(current, s);
        Double score = info.getScore();
        if (score != null && !(score <= best)) {
            best = score;
        }
        progress.endRun(String.format(Locale.ROOT, "validation accuracy %s | %.1f s | best so far %.4f",
                score == null ? "none" : String.format(Locale.ROOT, "%.4f", score), s, best));
    }

    private void start(int index) {
        current = index;
        batches = 0;
        start = System.nanoTime();
        progress.startRun(String.format(Locale.ROOT, "candidate %d/%d", index + 1, candidates));
    }

    /** @return training seconds of a completed candidate, or NaN when it did not complete */
    double seconds(int candidateIndex) {
        return seconds.getOrDefault(candidateIndex, Double.NaN);
    }
}
