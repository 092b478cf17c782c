package dev.pgqrs.postgres;

import dev.pgqrs.Store;
import dev.pgqrs.StoreCapabilities;
import dev.pgqrs.conformance.StoreFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/** A PostgreSQL server with a schema of its own for this test run, dropped when the JVM exits. */
final class PostgresFixture implements StoreFixture {
    private final String dsn;
    private final String schema;

    PostgresFixture(String dsn) {
        this.dsn = dsn;
        this.schema = "pgqrs_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        Runtime.getRuntime().addShutdownHook(new Thread(this::dropSchema));
    }

    String dsn() {
        return dsn;
    }

    String schema() {
        return schema;
    }

    @Override
    public Store open() {
        return PostgresStore.builder().dsn(dsn).schema(schema).maxConnections(8).build();
    }

    @Override
    public StoreCapabilities expectedCapabilities() {
        return new StoreCapabilities(true, true, true, true);
    }

    private void dropSchema() {
        PostgresDsn parsed = PostgresDsn.parse(dsn);
        try (Connection c = DriverManager.getConnection(parsed.jdbcUrl(), parsed.user(), parsed.password());
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        } catch (SQLException e) {
            // The embedded server may already be gone at exit; then there is nothing to clean.
            System.err.println("Could not drop test schema " + schema + ": " + e.getMessage());
        }
    }
}
