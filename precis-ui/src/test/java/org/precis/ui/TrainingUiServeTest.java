package org.precis.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import org.deeplearning4j.exception.DL4JException;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Starting DL4J's UI server through {@link TrainingUi#serve}. */
class TrainingUiServeTest {

    @AfterEach
    void stop() throws Exception {
        UIServer.stopInstance();
    }

    @Test
    void aPortInUseFailsAndALaterCallStartsAWorkingServer() throws Exception {
        // DL4J would otherwise hand back the instance that never listened, and every later call would get it.
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> TrainingUi.serve(new InMemoryStatsStorage(), taken.getLocalPort()))
                    .isInstanceOf(DL4JException.class);
        }

        UIServer server = TrainingUi.serve(new InMemoryStatsStorage(), 0);

        assertThat(server.isStopped()).isFalse();
        assertThat(server.getPort()).isPositive();
        try (ServerSocket probe = new ServerSocket()) {
            // The port is taken by the server: binding it again fails.
            assertThatThrownBy(() -> probe.bind(new java.net.InetSocketAddress(server.getPort())))
                    .isInstanceOf(java.net.BindException.class);
        }
    }
}
