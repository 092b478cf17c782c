package dev.pgqrs.it;

import dev.pgqrs.turso.TursoServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The application built for Turso, on a local {@code tursodb --sync-server} with a fresh database. The
 * binary is the one the core build installs (system property {@code pgqrs.test.tursodb}, set by the pom).
 */
public class OnTurso implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.pgqrs.store", "turso");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Server.class));
    }

    public static class Server implements QuarkusTestResourceLifecycleManager {
        private TursoServer server;

        @Override
        public Map<String, String> start() {
            server = TursoServer.start();
            return Map.of("quarkus.pgqrs.dsn", server.libsqlUrl());
        }

        @Override
        public void stop() {
            if (server != null) {
                server.close();
            }
        }
    }
}
