package org.precis.examples;

import java.io.File;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.nd4j.linalg.learning.config.Adam;
import org.precis.data.ShuffledDataSetIterator;
import org.precis.data.TrainTestData;
import org.precis.data.fashion.FashionMnist;
import org.precis.pc.PcNetworks;
import org.precis.pc.conf.PrecisionForm;
import org.precis.ui.TrainingUi;

/**
 * Watches a predictive-coding network with learned precision train in DL4J's training UI: DL4J's own pages
 * ({@code /train}: score, parameters including the precisions, updates, memory) and the per-level energy and
 * precision page of {@code precis-ui} ({@code /pc}). With a file argument the statistics are also kept in a
 * {@code FileStatsStorage} to open again later.
 */
public final class PcTrainingUi {

    private PcTrainingUi() {
    }

    /** @param args optional: a file to keep the statistics in */
    public static void main(String[] args) throws InterruptedException {
        TrainTestData data = FashionMnist.load();   // sudo apt-get install dataset-fashion-mnist
        // tag::serve[]
        StatsStorage storage = args.length > 0 ? new FileStatsStorage(new File(args[0])) : new InMemoryStatsStorage();
        UIServer ui = TrainingUi.serve(storage, TrainingUi.DEFAULT_PORT);
        System.out.println("Training UI: " + ui.getAddress() + TrainingUi.TRAIN_PAGE + " and "
                + ui.getAddress() + TrainingUi.PC_PAGE);
        // end::serve[]
        run(data, 5, storage);
        System.out.println("Training finished; the UI stays up until you stop this program (Ctrl-C).");
        Thread.currentThread().join();
    }

    /**
     * @param data    images with one-hot labels
     * @param epochs  passes over the training images
     * @param storage where the statistics go
     * @return the session the statistics are recorded under
     */
    public static String run(TrainTestData data, int epochs, StatsStorageRouter storage) {
        // tag::listen[]
        MultiLayerNetwork net = new MultiLayerNetwork(PcNetworks.supervisedMlp(
                784, new int[] {256, 256}, 10, PrecisionForm.DIAGONAL, new Adam(1e-3), 42));
        net.init();
        String session = TrainingUi.addListeners(net, storage);   // StatsListener + per-level PC statistics
        net.fit(new ShuffledDataSetIterator(data.train(), 128, true, 42), epochs);
        // end::listen[]
        return session;
    }
}
