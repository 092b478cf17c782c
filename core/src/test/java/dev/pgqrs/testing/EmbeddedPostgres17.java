package dev.pgqrs.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One embedded PostgreSQL 17 server per JVM (binaries from Maven, no Docker), started on first use
 * and stopped when the JVM exits. Shared by every test module through the core test-jar.
 */
public final class EmbeddedPostgres17 {
    private static EmbeddedPostgres server;

    private EmbeddedPostgres17() {
    }

    /** A DSN for the server's {@code postgres} database, as user {@code postgres}. */
    public static synchronized String dsn() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL 17", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    System.err.println("Could not stop the embedded PostgreSQL: " + e);
                }
            }));
        }
        return "postgresql://postgres@localhost:" + server.getPort() + "/postgres";
    }
}
