package org.precis.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;

/**
 * What the predictive-coding page plots, read from the stats storages attached to the UI: the sessions that hold
 * {@link PcLevelsReport}s, and for one session, per PC layer, the series of every record (thinned to at most
 * {@link #MAX_POINTS}) and the relaxation trace of the latest one. Non-finite values become {@code null}, which JSON
 * can carry and the page leaves out.
 */
final class PcUiData {

    /** Most points per series sent to the browser; longer runs are thinned evenly, the latest record always kept. */
    static final int MAX_POINTS = 1000;

    private PcUiData() {
    }

    /**
     * @param storages the storages to look in (not modified)
     * @return the IDs of the sessions that hold PC records, sorted
     */
    static List<String> sessions(List<StatsStorage> storages) {
        TreeSet<String> out = new TreeSet<>();
        for (StatsStorage storage : storages) {
            for (String session : storage.listSessionIDs()) {
                if (storage.listTypeIDsForSession(session).contains(PcLevelsReport.TYPE_ID)) {
                    out.add(session);
                }
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * @param storages  the storages to look in (not modified)
     * @param sessionId the session
     * @return {@code {session, layers: [{index, name, firstLevel, levels, iteration, energyStart, energyEnd,
     *     precision, stepsTaken, energyRises, relaxationSteps, lastTrace}]}}, series indexed [record][level]
     */
    static Map<String, Object> session(List<StatsStorage> storages, String sessionId) {
        Map<Integer, List<PcLevelsReport>> byLayer = new TreeMap<>();
        for (StatsStorage storage : storages) {
            if (!storage.sessionExists(sessionId)) {
                continue;
            }
            for (Persistable p : storage.getAllUpdatesAfter(sessionId, PcLevelsReport.TYPE_ID, 0L)) {
                PcLevelsReport r = (PcLevelsReport) p;
                byLayer.computeIfAbsent(r.layerIndex(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Object> layers = new ArrayList<>();
        for (List<PcLevelsReport> records : byLayer.values()) {
            records.sort(Comparator.comparingLong(PcLevelsReport::getTimeStamp));
            layers.add(layer(thin(records)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("session", sessionId);
        out.put("layers", layers);
        return out;
    }

    private static Map<String, Object> layer(List<PcLevelsReport> records) {
        PcLevelsReport last = records.get(records.size() - 1);
        int first = last.firstLevel();
        int levels = last.numLevels();
        List<Object> iteration = new ArrayList<>();
        List<Object> energyStart = new ArrayList<>();
        List<Object> energyEnd = new ArrayList<>();
        List<Object> precision = new ArrayList<>();
        List<Object> stepsTaken = new ArrayList<>();
        List<Object> energyRises = new ArrayList<>();
        List<Object> relaxationSteps = new ArrayList<>();
        for (PcLevelsReport r : records) {
            iteration.add(r.iteration());
            energyStart.add(perLevel(r, levels, l -> r.hasRelaxed() ? r.energy(0, l) : null));
            energyEnd.add(perLevel(r, levels, l -> r.hasRelaxed() ? r.energy(r.stepsTaken(), l) : null));
            precision.add(perLevel(r, levels, r::meanPrecision));
            stepsTaken.add(r.stepsTaken());
            energyRises.add(r.energyRises());
            relaxationSteps.add(r.relaxationSteps());
        }
        List<Object> lastTrace = new ArrayList<>();
        if (last.hasRelaxed()) {
            for (int t = 0; t <= last.stepsTaken(); t++) {
                int step = t;
                lastTrace.add(perLevel(last, levels, l -> last.energy(step, l)));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("index", last.layerIndex());
        out.put("name", last.layerName());
        out.put("firstLevel", first);
        out.put("levels", levels);
        out.put("iteration", iteration);
        out.put("energyStart", energyStart);
        out.put("energyEnd", energyEnd);
        out.put("precision", precision);
        out.put("stepsTaken", stepsTaken);
        out.put("energyRises", energyRises);
        out.put("relaxationSteps", relaxationSteps);
        out.put("lastIteration", last.iteration());
        out.put("lastTrace", lastTrace);
        return out;
    }

    private interface LevelValue {
        Double at(int level);
    }

    private static List<Double> perLevel(PcLevelsReport r, int levels, LevelValue value) {
        List<Double> out = new ArrayList<>(levels);
        for (int l = r.firstLevel(); l < r.firstLevel() + levels; l++) {
            Double v = value.at(l);
            out.add(v == null || !Double.isFinite(v) ? null : v);
        }
        return out;
    }

    /** At most {@link #MAX_POINTS} records, evenly spaced, the first and the last always kept. */
    static <T> List<T> thin(List<T> records) {
        if (records.size() <= MAX_POINTS) {
            return records;
        }
        List<T> out = new ArrayList<>(MAX_POINTS);
        double stride = (records.size() - 1) / (double) (MAX_POINTS - 1);
        for (int i = 0; i < MAX_POINTS; i++) {
            out.add(records.get((int) Math.round(i * stride)));
        }
        return out;
    }
}
