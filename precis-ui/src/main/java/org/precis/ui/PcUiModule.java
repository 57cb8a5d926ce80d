package org.precis.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageEvent;
import org.deeplearning4j.ui.api.HttpMethod;
import org.deeplearning4j.ui.api.Route;
import org.deeplearning4j.ui.api.UIModule;
import org.deeplearning4j.ui.i18n.I18NResource;

/**
 * A page of DL4J's UI server for predictive-coding layers, at {@value #PAGE}: per level, the energy after
 * relaxation and the mean precision over training, the relaxation of the latest recorded batch step by step, and
 * the relaxation steps that raised the energy. It reads the {@link PcLevelsReport}s of every stats storage attached
 * to the server and refreshes itself every two seconds while training runs.
 *
 * <p>DL4J's server finds this module through {@code META-INF/services/org.deeplearning4j.ui.api.UIModule} when
 * {@code precis-ui} is on the class path; nothing needs registering. Routes: {@value #PAGE} (the page),
 * {@value #SESSIONS} (JSON list of sessions with PC records) and {@value #DATA}{@code <session>} (JSON series of one
 * session, see {@code PcUiData}).
 */
public final class PcUiModule implements UIModule {

    /** Path of the page. */
    public static final String PAGE = "/pc";
    /** Path of the JSON list of sessions. */
    public static final String SESSIONS = "/pc/sessions";
    /** Path prefix of the JSON data of one session. */
    public static final String DATA = "/pc/data/";

    private static final String PAGE_RESOURCE = "pc.html";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<StatsStorage> storages = new CopyOnWriteArrayList<>();
    private final String page = readPage();

    /** Called by DL4J's server through the service loader. */
    public PcUiModule() {
    }

    @Override
    public List<String> getCallbackTypeIDs() {
        // The page pulls its data when it refreshes; no events are needed.
        return List.of();
    }

    @Override
    public List<Route> getRoutes() {
        return List.of(
                new Route(PAGE, HttpMethod.GET, (args, rc) -> send(rc, "text/html; charset=utf-8", page)),
                new Route(SESSIONS, HttpMethod.GET, (args, rc) -> sendJson(rc, PcUiData.sessions(storages))),
                new Route(DATA + ":sessionId", HttpMethod.GET,
                        (args, rc) -> sendJson(rc, PcUiData.session(storages, args.get(0)))));
    }

    @Override
    public void reportStorageEvents(Collection<StatsStorageEvent> events) {
        // Nothing to do: the page reads the storages on request.
    }

    @Override
    public void onAttach(StatsStorage statsStorage) {
        storages.add(statsStorage);
    }

    @Override
    public void onDetach(StatsStorage statsStorage) {
        storages.remove(statsStorage);
    }

    @Override
    public List<I18NResource> getInternationalizationResources() {
        return List.of();
    }

    private static void sendJson(RoutingContext rc, Object value) {
        try {
            send(rc, "application/json", JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            rc.response().setStatusCode(500).end("cannot encode the PC statistics: " + e.getMessage());
        }
    }

    private static void send(RoutingContext rc, String contentType, String body) {
        rc.response().putHeader("content-type", contentType).putHeader("cache-control", "no-store").end(body);
    }

    private static String readPage() {
        try (InputStream in = PcUiModule.class.getResourceAsStream(PAGE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("precis-ui: resource " + PAGE_RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("precis-ui: cannot read " + PAGE_RESOURCE, e);
        }
    }
}
