package dev.pgqrs.sqlite;

import dev.pgqrs.conformance.StoreConformanceTest;
import dev.pgqrs.conformance.StoreFixture;

/** The conformance suite on a SQLite file reached through an application's datasource. */
class SqliteDataSourceConformanceTest extends StoreConformanceTest {
    private static final SqliteDataSourceFixture FIXTURE = new SqliteDataSourceFixture("conformance-ds");

    @Override
    protected StoreFixture fixture() {
        return FIXTURE;
    }
}
