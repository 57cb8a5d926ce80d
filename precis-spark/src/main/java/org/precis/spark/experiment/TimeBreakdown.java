package org.precis.spark.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.spark.api.stats.CommonSparkTrainingStats;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.impl.paramavg.stats.ParameterAveragingTrainingMasterStats;
import org.deeplearning4j.spark.impl.paramavg.stats.ParameterAveragingTrainingWorkerStats;
import org.deeplearning4j.spark.stats.EventStats;

/**
 * Where the wall time of distributed training went, in seconds, from DL4J's training statistics. Worker times are
 * summed over workers and divided by their number (they run in parallel).
 *
 * @param wall          wall time of the {@code fit} calls
 * @param training      workers' {@code fit} on their minibatches: forward, backward, updater (and K-FAC's curvature)
 * @param workerSetup   workers fetching and deserialising the broadcast parameters and building their network
 * @param broadcast     driver serialising the parameters and updater state into a broadcast
 * @param aggregation   returning and summing the workers' parameters (the aggregate step's time beyond the tasks')
 * @param averaging     driver dividing the sums and setting the averaged parameters and updater state
 * @param curvature     carrying K-FAC's curvature (driver averaging and broadcast, workers' export)
 * @param other         the rest: counting, splitting and repartitioning the data, scheduling tasks
 */
public record TimeBreakdown(double wall, double training, double workerSetup, double broadcast, double aggregation,
        double averaging, double curvature, double other) {

    /**
     * @param stats          the training master's statistics of all {@code fit} calls measured
     * @param workers        number of parallel workers
     * @param curvatureNanos time spent carrying the curvature
     * @param wallSeconds    wall time of those calls
     */
    public static TimeBreakdown of(SparkTrainingStats stats, int workers, long curvatureNanos, double wallSeconds) {
        double training = seconds(stats, ParameterAveragingTrainingWorkerStats.PARAMETER_AVERAGING_WORKER_FIT_TIMES_MS)
                / workers;
        double setup = seconds(stats, CommonSparkTrainingStats.WORKER_FLAT_MAP_GET_INITIAL_MODEL_TIME_MS) / workers;
        double tasks = seconds(stats, CommonSparkTrainingStats.WORKER_FLAT_MAP_TOTAL_TIME_MS) / workers;
        double broadcast = seconds(stats,
                ParameterAveragingTrainingMasterStats.PARAMETER_AVERAGING_MASTER_BROADCAST_CREATE_TIMES_MS);
        double aggregate = seconds(stats,
                ParameterAveragingTrainingMasterStats.PARAMETER_AVERAGING_MASTER_AGGREGATE_TIMES_MS);
        double averaging = seconds(stats,
                ParameterAveragingTrainingMasterStats.PARAMETER_AVERAGING_MASTER_PROCESS_PARAMS_UPDATER_TIMES_MS);
        double curvature = curvatureNanos / 1e9;
        double aggregation = Math.max(0.0, aggregate - tasks);
        double other = wallSeconds - training - setup - broadcast - aggregation - averaging - curvature;
        return new TimeBreakdown(wallSeconds, training, setup, broadcast, aggregation, averaging, curvature, other);
    }

    /** @return the parts by name, in declaration order (for reports) */
    public Map<String, Double> parts() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("training", training);
        m.put("workerSetup", workerSetup);
        m.put("broadcast", broadcast);
        m.put("aggregation", aggregation);
        m.put("averaging", averaging);
        m.put("curvature", curvature);
        m.put("other", other);
        return m;
    }

    private static double seconds(SparkTrainingStats stats, String key) {
        if (stats == null || !stats.getKeySet().contains(key)) {
            return 0.0;
        }
        long ms = 0;
        for (EventStats e : stats.getValue(key)) {
            ms += e.getDurationMs();
        }
        return ms / 1000.0;
    }
}
