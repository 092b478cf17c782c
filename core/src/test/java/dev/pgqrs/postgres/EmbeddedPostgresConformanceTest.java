package dev.pgqrs.postgres;

import dev.pgqrs.conformance.StoreConformanceTest;
import dev.pgqrs.conformance.StoreFixture;
import dev.pgqrs.testing.EmbeddedPostgres17;

/** The conformance suite on an embedded PostgreSQL 17. */
class EmbeddedPostgresConformanceTest extends StoreConformanceTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture(EmbeddedPostgres17.dsn());

    @Override
    protected StoreFixture fixture() {
        return FIXTURE;
    }
}
