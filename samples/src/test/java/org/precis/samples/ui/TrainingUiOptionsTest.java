package org.precis.samples.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precis.samples.PrecisCli;
import org.precis.samples.experiment.NoiseSetting;
import org.precis.ui.PcLevelsReport;
import picocli.CommandLine;

/**
 * {@code --ui}, {@code --stats} and {@code --stats-every} of the experiment program, and the {@code ui} subcommand
 * that opens what {@code --stats} wrote: every run recorded under its own session, PC levels for PC arms, DL4J's
 * statistics for every arm; bad values refused before training.
 */
class TrainingUiOptionsTest {

    /** 300 fixture images at batch 128: three iterations per epoch. */
    private static final int ITERATIONS = 3;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private record Outcome(int exitCode, String err) {
    }

    private static Outcome run(String... args) {
        CommandLine cmd = PrecisCli.commandLine();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        return new Outcome(cmd.execute(args), err.toString());
    }

    private static String[] compare(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("compare", "--data", "fixture", "--train-limit",
                "300", "--epochs", "1", "--hidden", "16", "--out", out.toString()));
        // --arms accumulates, so the default pair is added only when the test names no arms of its own.
        if (!List.of(extra).contains("--arms")) {
            args.addAll(List.of("--arms", "pc-precision,kfac"));
        }
        args.addAll(List.of(extra));
        return args.toArray(new String[0]);
    }

    @Test
    void statsRecordsEveryRunUnderItsOwnSessionInAFileAnotherProcessCanOpen(@TempDir Path dir) throws Exception {
        Path stats = dir.resolve("training.dl4j");

        Outcome outcome = run(compare(dir.resolve("out"), "--stats", stats.toString(), "--stats-every", "1"));

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        FileStatsStorage storage = new FileStatsStorage(stats.toFile());
        try {
            String pc = "pc-precision seed 1, label noise 0.00, input noise 0.00";
            String kfac = "kfac seed 1, label noise 0.00, input noise 0.00";
            assertThat(storage.listSessionIDs()).containsExactlyInAnyOrder(pc, kfac);
            for (String session : List.of(pc, kfac)) {
                assertThat(storage.getAllUpdatesAfter(session, "StatsListener", 0L)).hasSize(ITERATIONS);
            }
            List<Persistable> levels = storage.getAllUpdatesAfter(pc, PcLevelsReport.TYPE_ID, 0L);
            assertThat(levels).hasSize(ITERATIONS);
            // 784-16-10: the hidden level and the output level carry errors.
            assertThat(((PcLevelsReport) levels.get(0)).numLevels()).isEqualTo(2);
            assertThat(storage.listTypeIDsForSession(kfac)).doesNotContain(PcLevelsReport.TYPE_ID);
        } finally {
            storage.close();
        }
        JsonNode results = new ObjectMapper().readTree(dir.resolve("out/results.json").toFile());
        // Recorded with the command line, not the configuration: watching a run does not change it.
        assertThat(results.get("commandLine").toString()).contains("--stats", stats.toString());
        assertThat(results.get("configuration").has("statsFile")).isFalse();
    }

    @Test
    void resumingContinuesTheStatisticsFileAndTheUiOptionsMayChange(@TempDir Path dir) throws Exception {
        Path stats = dir.resolve("training.dl4j");
        Path out = dir.resolve("out");
        assertThat(run(compare(out, "--arms", "pc", "--stats", stats.toString())).exitCode()).isZero();

        // The run is finished, so resuming trains nothing: it reopens the file and rewrites the report.
        Outcome again = run(compare(out, "--arms", "pc", "--stats", stats.toString(), "--resume", out.toString()));
        Outcome without = run(compare(out, "--arms", "pc", "--resume", out.toString()));

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(without.exitCode()).as(without.err()).isZero();
        FileStatsStorage storage = new FileStatsStorage(stats.toFile());
        try {
            assertThat(storage.listSessionIDs()).containsExactly("pc seed 1, label noise 0.00, input noise 0.00");
        } finally {
            storage.close();
        }
    }

    @Test
    void aStatsFileDl4jCannotReadIsRefusedOnResumeNamingTheOption(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        assertThat(run(compare(out, "--arms", "pc")).exitCode()).isZero();
        Path garbage = Files.writeString(dir.resolve("old.dl4j"), "not statistics");

        Outcome outcome = run(compare(out, "--arms", "pc", "--stats", garbage.toString(), "--resume",
                out.toString()));

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("'--stats'", "cannot be opened");
    }

    @Test
    void statsEveryRecordsOnlyEveryNthIteration(@TempDir Path dir) throws Exception {
        Path stats = dir.resolve("training.dl4j");

        Outcome outcome = run(compare(dir.resolve("out"), "--arms", "pc", "--stats", stats.toString(),
                "--stats-every", "2"));

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        FileStatsStorage storage = new FileStatsStorage(stats.toFile());
        try {
            String session = "pc seed 1, label noise 0.00, input noise 0.00";
            List<Persistable> levels = storage.getAllUpdatesAfter(session, PcLevelsReport.TYPE_ID, 0L);
            // Iterations 0, 1, 2: records at 0 and 2.
            assertThat(levels).extracting(p -> ((PcLevelsReport) p).iteration()).containsExactly(0, 2);
        } finally {
            storage.close();
        }
    }

    @Test
    void withoutUiOrStatsNothingIsRecordedAndNoListenerIsAdded() {
        ByteArrayOutputStream announced = new ByteArrayOutputStream();

        try (TrainingUiRecorder recorder = TrainingUiRecorder.open(null, null,
                TrainingUiOptions.DEFAULT_STATS_EVERY, new PrintStream(announced, true, StandardCharsets.UTF_8))) {
            // DL4J's StatsListener took a fifth of a bp-sgd epoch's training time, recording into memory nobody read.
            assertThat(recorder.forRun("bp-sgd", 1, NoiseSetting.CLEAN)).isEmpty();
            assertThat(recorder.storage()).isNull();
        }
        assertThat(announced.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void eitherOptionStillRecordsEveryRun(@TempDir Path dir) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (TrainingUiRecorder recorder = TrainingUiRecorder.open(null, dir.resolve("s.dl4j"), 1, quiet)) {
            assertThat(recorder.forRun("bp-sgd", 1, NoiseSetting.CLEAN)).isNotEmpty();
        }
    }

    @Test
    void uiServesWhileTheExperimentRunsAndStopsWithIt(@TempDir Path dir) {
        Outcome outcome = run(compare(dir.resolve("out"), "--arms", "pc", "--ui=0"));

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(VertxUIServer.getInstance() == null || VertxUIServer.getInstance().isStopped()).isTrue();
    }

    @Test
    void badValuesAreRefusedBeforeTrainingNamingTheOption(@TempDir Path dir) throws Exception {
        Path existing = Files.writeString(dir.resolve("old.dl4j"), "x");

        Outcome exists = run(compare(dir.resolve("a"), "--stats", existing.toString()));
        Outcome noDirectory = run(compare(dir.resolve("b"), "--stats", dir.resolve("missing/s.dl4j").toString()));
        Outcome every = run(compare(dir.resolve("c"), "--stats-every", "0"));
        Outcome port = run(compare(dir.resolve("d"), "--ui=70000"));

        assertThat(exists.exitCode()).isEqualTo(2);
        assertThat(exists.err()).contains("'--stats'", "exists already", "--resume");
        assertThat(noDirectory.exitCode()).isEqualTo(2);
        assertThat(noDirectory.err()).contains("'--stats'", "directory does not exist");
        assertThat(every.exitCode()).isEqualTo(2);
        assertThat(every.err()).contains("'--stats-every'");
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.err()).contains("'--ui'");
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void theUiSubcommandServesASavedFileUntilStopped(@TempDir Path dir) throws Exception {
        Path stats = dir.resolve("training.dl4j");
        assertThat(run(compare(dir.resolve("out"), "--arms", "pc", "--stats", stats.toString())).exitCode()).isZero();
        UiCommand command = new UiCommand();
        CommandLine cmd = new CommandLine(command);

        CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(
                () -> cmd.execute(stats.toString(), "--port", "0"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((VertxUIServer.getInstance() == null || VertxUIServer.getInstance().isStopped())
                && System.nanoTime() < deadline && !serving.isDone()) {
            Thread.sleep(100);
        }
        HttpResponse<String> sessions = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(VertxUIServer.getInstance().getAddress() + "/pc/sessions")).build(),
                HttpResponse.BodyHandlers.ofString());
        command.stop();

        assertThat(sessions.body()).contains("pc seed 1, label noise 0.00, input noise 0.00");
        assertThat(serving.get(60, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aPortInUseIsRefusedNamingTheOptionBeforeTraining(@TempDir Path dir) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            Outcome outcome = run(compare(dir.resolve("out"), "--arms", "pc", "--ui=" + taken.getLocalPort()));

            assertThat(outcome.exitCode()).isEqualTo(2);
            assertThat(outcome.err()).contains("'--ui'", "cannot serve the training UI there");
            assertThat(dir.resolve("out/results.json")).doesNotExist();
        }
    }

    @Test
    void theUiSubcommandRefusesAMissingFile(@TempDir Path dir) {
        Outcome outcome = run("ui", dir.resolve("none.dl4j").toString());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("none.dl4j", "compare --stats");
    }
}
