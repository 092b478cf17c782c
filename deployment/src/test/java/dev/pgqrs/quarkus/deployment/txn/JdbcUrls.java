package dev.pgqrs.quarkus.deployment.txn;

import dev.pgqrs.quarkus.deployment.TestDatabase;

/** The embedded PostgreSQL of the tests as a JDBC URL, for Quarkus datasources and plain JDBC checks. */
final class JdbcUrls {
    private JdbcUrls() {
    }

    /** postgresql://postgres@localhost:PORT/postgres becomes jdbc:postgresql://localhost:PORT/postgres (user postgres). */
    static String postgres() {
        return "jdbc:postgresql://" + TestDatabase.dsn().substring("postgresql://postgres@".length());
    }
}
