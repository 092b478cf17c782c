package dev.pgqrs.postgres;

import dev.pgqrs.conformance.StoreConformanceTest;
import dev.pgqrs.conformance.StoreFixture;

/**
 * The conformance suite on the PostgreSQL server named by {@code PGQRS_TEST_POSTGRES_URL}. The build
 * includes this class only when that variable is set (profile {@code postgres-service}), so it is
 * never skipped: it either runs or is not part of the run.
 */
class ServicePostgresConformanceTest extends StoreConformanceTest {
    private static final PostgresFixture FIXTURE = new PostgresFixture(System.getenv("PGQRS_TEST_POSTGRES_URL"));

    @Override
    protected StoreFixture fixture() {
        return FIXTURE;
    }
}
