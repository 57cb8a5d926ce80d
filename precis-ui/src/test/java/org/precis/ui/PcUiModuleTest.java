package org.precis.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DL4J's UI server on a free port with one trained PC network's records attached: the PC page is served, its data
 * match the stored records, and DL4J's own training pages still work beside it.
 */
class PcUiModuleTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static UIServer server;
    private static String session;
    private static InMemoryStatsStorage storage;

    @BeforeAll
    static void trainAndServe() {
        MultiLayerNetwork net = TestNets.supervisedPc();
        storage = new InMemoryStatsStorage();
        session = TrainingUi.addListeners(net, storage);
        net.fit(TestNets.data(11));
        server = TrainingUi.serve(storage, 0);
    }

    @AfterAll
    static void stop() throws Exception {
        UIServer.stopInstance();
    }

    @Test
    void thePageIsServedByDl4jsServerThroughTheServiceLoader() throws Exception {
        HttpResponse<String> page = get(TrainingUi.PC_PAGE);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("Predictive coding: per-level energy and precision");
    }

    @Test
    void theSessionListNamesTheSessionWithPcRecords() throws Exception {
        JsonNode sessions = json(PcUiModule.SESSIONS);

        assertThat(sessions.isArray()).isTrue();
        assertThat(sessions).extracting(JsonNode::asText).containsExactly(session);
    }

    @Test
    void theSessionDataCarryEveryRecordOfTheLayerLevelByLevel() throws Exception {
        JsonNode data = json(PcUiModule.DATA + URLEncoder.encode(session, StandardCharsets.UTF_8));
        List<PcLevelsReport> records = TrainingUiTest.pcReports(storage, session);
        PcLevelsReport last = records.get(records.size() - 1);

        JsonNode layer = data.get("layers").get(0);
        assertThat(data.get("layers")).hasSize(1);
        assertThat(layer.get("firstLevel").asInt()).isEqualTo(1);
        assertThat(layer.get("levels").asInt()).isEqualTo(2);
        assertThat(layer.get("iteration")).extracting(JsonNode::asInt).containsExactly(0, 1, 2, 3);
        for (int l = 0; l < 2; l++) {
            assertThat(layer.get("energyEnd").get(3).get(l).asDouble()).isEqualTo(last.energy(20, l + 1));
            assertThat(layer.get("precision").get(3).get(l).asDouble()).isEqualTo(last.meanPrecision(l + 1));
        }
        // The latest batch's relaxation, start included: T + 1 rows of one energy per level.
        assertThat(layer.get("lastTrace")).hasSize(21);
        assertThat(layer.get("lastTrace").get(0).get(1).asDouble()).isEqualTo(last.energy(0, 2));
    }

    @Test
    void dl4jsOwnTrainingOverviewStillWorksWithTheSameStorage() throws Exception {
        assertThat(get("/train/overview").statusCode()).isEqualTo(200);
        // The overview's data: DL4J's score per iteration, from StatsListener's records of the same session (the
        // only one, so the current one of the single-session UI).
        JsonNode overview = json("/train/overview/data");
        assertThat(overview.get("scores")).hasSize(TestNets.BATCHES);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.getAddress() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
