package dev.pgqrs.quarkus.deployment;

import dev.pgqrs.Pgqrs;
import dev.pgqrs.Store;
import dev.pgqrs.testing.EmbeddedPostgres17;

/** The embedded PostgreSQL 17 of this test JVM, and stores on it for a test's arrange and assert steps. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static String dsn() {
        return EmbeddedPostgres17.dsn();
    }

    /** A store of its own for the test's arrange and assert steps. */
    public static Store store() {
        return Pgqrs.connect(dsn());
    }
}
