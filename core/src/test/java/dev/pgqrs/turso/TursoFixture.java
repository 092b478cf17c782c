package dev.pgqrs.turso;

import dev.pgqrs.Store;
import dev.pgqrs.StoreCapabilities;
import dev.pgqrs.conformance.StoreFixture;

/** A Turso store on a tursodb server started for the test class. */
final class TursoFixture implements StoreFixture {
    private final TursoServer server;

    TursoFixture(TursoServer server) {
        this.server = server;
    }

    @Override
    public Store open() {
        return TursoStore.builder().url(server.libsqlUrl()).build();
    }

    @Override
    public StoreCapabilities expectedCapabilities() {
        // Multi-process is proven by TursoTwoProcessTest; no SKIP LOCKED, no joining a caller's transaction,
        // no wake-ups across processes.
        return new StoreCapabilities(false, true, false, false);
    }
}
