package dev.pgqrs.it;

import dev.pgqrs.testing.EmbeddedPostgres17;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The application built for PostgreSQL, on an embedded PostgreSQL 17 (one per test JVM, stopped at exit). */
public class OnPostgres implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.pgqrs.store", "postgres");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Database.class));
    }

    public static class Database implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("quarkus.pgqrs.dsn", EmbeddedPostgres17.dsn());
        }

        @Override
        public void stop() {
            // EmbeddedPostgres17 stops the server when the JVM exits; other test classes may still use it.
        }
    }
}
