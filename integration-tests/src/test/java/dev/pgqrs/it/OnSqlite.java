package dev.pgqrs.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The application built for SQLite, on a fresh database file under target/. */
public class OnSqlite implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.pgqrs.store", "sqlite");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Database.class));
    }

    public static class Database implements QuarkusTestResourceLifecycleManager {
        static final Path DIRECTORY = Path.of("target", "sqlite-it").toAbsolutePath();

        @Override
        public Map<String, String> start() {
            deleteDirectory();
            try {
                Files.createDirectories(DIRECTORY);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create " + DIRECTORY, e);
            }
            return Map.of("quarkus.pgqrs.dsn", "sqlite:" + DIRECTORY.resolve("queues.db"));
        }

        @Override
        public void stop() {
            // The file stays under target/ for a look after a failure; the next start begins afresh.
        }

        private static void deleteDirectory() {
            if (!Files.exists(DIRECTORY)) {
                return;
            }
            try (Stream<Path> files = Files.walk(DIRECTORY)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot clear " + DIRECTORY, e);
            }
        }
    }
}
