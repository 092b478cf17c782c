package dev.pgqrs.sqlite;

import dev.pgqrs.conformance.StoreConformanceTest;
import dev.pgqrs.conformance.StoreFixture;

/** The conformance suite on a SQLite file under target/. */
class SqliteConformanceTest extends StoreConformanceTest {
    private static final SqliteFixture FIXTURE = new SqliteFixture("conformance");

    @Override
    protected StoreFixture fixture() {
        return FIXTURE;
    }
}
