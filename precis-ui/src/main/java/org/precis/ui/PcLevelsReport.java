package org.precis.ui;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.deeplearning4j.core.storage.Persistable;
import org.precis.pc.stats.PcStatistics;

/**
 * One {@link PcStatistics} snapshot of a predictive-coding layer as a record of DL4J's stats storage
 * ({@code InMemoryStatsStorage}, {@code FileStatsStorage}, a remote router), stored next to {@code StatsListener}'s
 * reports under the same session and read back by {@link PcUiModule}: per level, the energy before and after the
 * batch's relaxation, the energy after every relaxation step, and the mean precision (mean of 1 / variance over the
 * level's units); the layer's relaxation and energy-rise counts.
 *
 * <p>Levels are numbered as in the layer: {@link #firstLevel()} is 1 for the supervised layer and 0 for the
 * generative layer. A public no-argument constructor and {@link #decode(byte[])} let a {@code FileStatsStorage}
 * read the record back in another JVM.
 */
public final class PcLevelsReport implements Persistable {

    /** Type ID of these records in a stats storage. */
    public static final String TYPE_ID = "PrecisPcLevels";

    private static final long serialVersionUID = 1L;
    /** Version of the binary layout, written first, so a newer reader can tell older records apart. */
    private static final int FORMAT_VERSION = 1;

    private String sessionId;
    private String workerId;
    private long timestamp;
    private int iteration;
    private int layerIndex;
    private String layerName;
    private int firstLevel;
    private double[][] energyTrace;
    private double[] meanPrecision;
    private long relaxations;
    private long relaxationSteps;
    private long energyRises;

    /** For decoding by a stats storage; use {@link #of}. */
    public PcLevelsReport() {
    }

    /**
     * The record of one snapshot.
     *
     * @param statistics the snapshot (not modified)
     * @param sessionId  session the record belongs to (the {@code StatsListener}'s session, to view them together)
     * @param workerId   worker that produced it
     * @param timestamp  time of the record in milliseconds; unique per session and worker, since a storage keys
     *                   records by it
     * @return the record
     */
    public static PcLevelsReport of(PcStatistics statistics, String sessionId, String workerId, long timestamp) {
        PcLevelsReport r = new PcLevelsReport();
        r.sessionId = sessionId;
        r.workerId = workerId;
        r.timestamp = timestamp;
        r.iteration = statistics.iteration();
        r.layerIndex = statistics.layerIndex();
        r.layerName = statistics.layerName() == null ? "" : statistics.layerName();
        r.firstLevel = statistics.firstLevel();
        int levels = statistics.numLevels();
        int steps = statistics.stepsTaken();
        boolean relaxed = statistics.totalEnergyTrace().length > 0;
        r.energyTrace = new double[relaxed ? steps + 1 : 0][levels];
        for (int t = 0; t < r.energyTrace.length; t++) {
            for (int l = 0; l < levels; l++) {
                r.energyTrace[t][l] = statistics.energy(t, statistics.firstLevel() + l);
            }
        }
        r.meanPrecision = new double[levels];
        for (int l = 0; l < levels; l++) {
            double sum = 0;
            double[] variances = statistics.variances(statistics.firstLevel() + l);
            for (double v : variances) {
                sum += 1.0 / v;
            }
            r.meanPrecision[l] = sum / variances.length;
        }
        r.relaxations = statistics.relaxations();
        r.relaxationSteps = statistics.relaxationSteps();
        r.energyRises = statistics.energyRises();
        return r;
    }

    /** @return training iteration of the snapshot */
    public int iteration() {
        return iteration;
    }

    /** @return index of the layer in its network */
    public int layerIndex() {
        return layerIndex;
    }

    /** @return name of the layer (empty if it has none) */
    public String layerName() {
        return layerName;
    }

    /** @return the lowest level that carries an error: 1 for the supervised layer, 0 for the generative layer */
    public int firstLevel() {
        return firstLevel;
    }

    /** @return number of levels that carry an error */
    public int numLevels() {
        return meanPrecision.length;
    }

    /** @return whether the layer had relaxed a batch when the snapshot was taken (otherwise there is no energy) */
    public boolean hasRelaxed() {
        return energyTrace.length > 0;
    }

    /** @return relaxation steps the snapshot's batch took (0 if the layer had not relaxed yet) */
    public int stepsTaken() {
        return Math.max(0, energyTrace.length - 1);
    }

    /**
     * @param step  relaxation step in [0, stepsTaken()]; 0 is the start of the relaxation; only if {@link #hasRelaxed()}
     * @param level level in [firstLevel(), firstLevel() + numLevels())
     * @return mean energy per example of the level after that step
     */
    public double energy(int step, int level) {
        return energyTrace[step][level - firstLevel];
    }

    /**
     * @param level level in [firstLevel(), firstLevel() + numLevels())
     * @return mean over the level's units of the precision 1 / variance (1 for a level without precision)
     */
    public double meanPrecision(int level) {
        return meanPrecision[level - firstLevel];
    }

    /** @return relaxations the layer had run when the snapshot was taken */
    public long relaxations() {
        return relaxations;
    }

    /** @return relaxation steps the layer had taken over those relaxations */
    public long relaxationSteps() {
        return relaxationSteps;
    }

    /** @return relaxation steps, over those relaxations, that raised the energy */
    public long energyRises() {
        return energyRises;
    }

    @Override
    public String getSessionID() {
        return sessionId;
    }

    @Override
    public String getTypeID() {
        return TYPE_ID;
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    @Override
    public long getTimeStamp() {
        return timestamp;
    }

    @Override
    public int encodingLengthBytes() {
        return encode().length;
    }

    @Override
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            encode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + this, e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void encode(ByteBuffer buffer) {
        buffer.put(encode());
    }

    @Override
    public void encode(OutputStream outputStream) throws IOException {
        DataOutputStream out = new DataOutputStream(outputStream);
        out.writeInt(FORMAT_VERSION);
        out.writeUTF(sessionId);
        out.writeUTF(workerId);
        out.writeLong(timestamp);
        out.writeInt(iteration);
        out.writeInt(layerIndex);
        out.writeUTF(layerName);
        out.writeInt(firstLevel);
        out.writeInt(meanPrecision.length);
        out.writeInt(energyTrace.length);
        for (double[] step : energyTrace) {
            for (double e : step) {
                out.writeDouble(e);
            }
        }
        for (double p : meanPrecision) {
            out.writeDouble(p);
        }
        out.writeLong(relaxations);
        out.writeLong(relaxationSteps);
        out.writeLong(energyRises);
        out.flush();
    }

    @Override
    public void decode(byte[] decode) {
        try {
            decode(new ByteArrayInputStream(decode));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a " + TYPE_ID + " record", e);
        }
    }

    @Override
    public void decode(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        decode(bytes);
    }

    @Override
    public void decode(InputStream inputStream) throws IOException {
        DataInputStream in = new DataInputStream(inputStream);
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException(TYPE_ID + " record of format version " + version + "; this reader knows version "
                    + FORMAT_VERSION);
        }
        sessionId = in.readUTF();
        workerId = in.readUTF();
        timestamp = in.readLong();
        iteration = in.readInt();
        layerIndex = in.readInt();
        layerName = in.readUTF();
        firstLevel = in.readInt();
        int levels = in.readInt();
        energyTrace = new double[in.readInt()][levels];
        for (double[] step : energyTrace) {
            for (int l = 0; l < levels; l++) {
                step[l] = in.readDouble();
            }
        }
        meanPrecision = new double[levels];
        for (int l = 0; l < levels; l++) {
            meanPrecision[l] = in.readDouble();
        }
        relaxations = in.readLong();
        relaxationSteps = in.readLong();
        energyRises = in.readLong();
    }

    @Override
    public String toString() {
        return TYPE_ID + "(session " + sessionId + ", layer " + layerIndex + ", iteration " + iteration + ")";
    }
}
