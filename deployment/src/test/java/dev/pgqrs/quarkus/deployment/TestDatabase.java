package dev.pgqrs.quarkus.deployment;

import dev.pgqrs.Pgqrs;
import dev.pgqrs.Store;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One embedded PostgreSQL 17 per test JVM. QuarkusUnitTest loads test classes in more than one class
 * loader, so the DSN is kept in a system property rather than a static field.
 */
public final class TestDatabase {
    private static final String PROPERTY = "pgqrs.test.dsn";

    private TestDatabase() {
    }

    public static synchronized String dsn() {
        String dsn = System.getProperty(PROPERTY);
        if (dsn == null) {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
                dsn = "postgresql://postgres@localhost:" + pg.getPort() + "/postgres";
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the embedded PostgreSQL for the tests", e);
            }
            System.setProperty(PROPERTY, dsn);
        }
        return dsn;
    }

    /** A store of its own for the test's arrange and assert steps. */
    public static Store store() {
        return Pgqrs.connect(dsn());
    }
}
