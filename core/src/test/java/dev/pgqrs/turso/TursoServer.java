package dev.pgqrs.turso;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real {@code tursodb --sync-server} for tests, serving a fresh database in a temporary directory
 * that is deleted when it stops. The binary is the one the build installed from npm (system property
 * {@code pgqrs.test.tursodb}).
 */
public final class TursoServer implements AutoCloseable {
    private final LocalTursoServer server;
    private final Path dir;

    private TursoServer(LocalTursoServer server, Path dir) {
        this.server = server;
        this.dir = dir;
    }

    public static TursoServer start() {
        String binary = System.getProperty("pgqrs.test.tursodb");
        if (binary == null) {
            throw new IllegalStateException("System property pgqrs.test.tursodb is not set. Run the tests through Maven:"
                    + " the core build installs tursodb with npm into core/target/turso.");
        }
        try {
            Path dir = Files.createTempDirectory("pgqrs-turso");
            return new TursoServer(LocalTursoServer.start(Path.of(binary), dir.resolve("db.sqlite")), dir);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start tursodb: " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.port();
    }

    public String httpUrl() {
        return server.url();
    }

    /** The DSN form users write; a local address means plain HTTP. */
    public String libsqlUrl() {
        return "libsql://127.0.0.1:" + server.port();
    }

    public Path directory() {
        return dir;
    }

    @Override
    public void close() {
        server.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e);
        }
    }
}
