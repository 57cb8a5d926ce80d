package org.precis.data.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.precis.data.DataUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The labels of the files of one data set, checked as a whole: at least two classes, and every class
 * {@code 0..K-1} present somewhere, since the network gets one output per class up to the largest label.
 */
final class ClassCounts {

    private static final Logger log = LoggerFactory.getLogger(ClassCounts.class);

    private final List<Table> tables;
    private final TreeMap<Integer, Integer> total = new TreeMap<>();

    private ClassCounts(List<Table> tables) {
        this.tables = tables;
        tables.forEach(t -> t.labelCounts().forEach((label, n) -> total.merge(label, n, Integer::sum)));
    }

    /** @param tables the files of one data set, the training file first */
    static ClassCounts of(List<Table> tables) {
        return new ClassCounts(tables);
    }

    /**
     * @throws DataUnavailableException when fewer than two classes occur, or some class below the largest label
     *                                  never does
     */
    void check() {
        String files = tables.stream().map(t -> t.file().toString()).collect(Collectors.joining(" and "));
        if (total.size() < 2) {
            throw new DataUnavailableException("CSV file " + files + " holds only class " + total.firstKey() + " ("
                    + total.firstEntry().getValue() + " rows); classification needs at least two classes. Is column "
                    + (tables.get(0).labelIndex() + 1) + " the label? If not, choose the label column "
                    + "(--label-column in the samples).");
        }
        List<Integer> missing = new ArrayList<>();
        for (int k = 0; k < total.lastKey(); k++) {
            if (!total.containsKey(k)) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            int largest = total.lastKey();
            Table holder = tables.stream().filter(t -> t.labelCounts().containsKey(largest)).findFirst().orElseThrow();
            throw new DataUnavailableException("CSV file " + files + ": labels " + join(total.keySet()) + " occur but "
                    + join(missing) + " never do, so the network would get " + (largest + 1) + " outputs for "
                    + total.size() + " classes. Label " + largest + " occurs " + total.get(largest) + " time(s), first "
                    + "in " + Table.where(holder.file(), holder.firstRows().get(largest), holder.labelIndex())
                    + ". Class labels must be 0.." + (total.size() - 1) + " with every class present: fix or "
                    + "renumber them.");
        }
        if (tables.size() > 1) {
            for (int k : total.keySet()) {
                if (!tables.get(0).labelCounts().containsKey(k)) {
                    log.warn("Class {} occurs in the test file {} only: the network never sees it in training", k,
                            tables.get(1).file());
                }
            }
        }
    }

    private static String join(Iterable<Integer> labels) {
        List<String> parts = new ArrayList<>();
        labels.forEach(l -> parts.add(String.valueOf(l)));
        return String.join(", ", parts);
    }
}
