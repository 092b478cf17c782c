package dev.pgqrs.turso;

import dev.pgqrs.conformance.StoreConformanceTest;
import dev.pgqrs.conformance.StoreFixture;
import org.junit.jupiter.api.AfterAll;

/** The conformance suite against a real tursodb server over Hrana. */
class TursoConformanceTest extends StoreConformanceTest {
    private static final TursoServer SERVER = TursoServer.start();
    private static final TursoFixture FIXTURE = new TursoFixture(SERVER);

    @Override
    protected StoreFixture fixture() {
        return FIXTURE;
    }

    @AfterAll
    void stopServer() {
        SERVER.close();
    }
}
