package dev.pgqrs.quarkus;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Runtime configuration of the pgqrs extension. */
@ConfigMapping(prefix = "quarkus.pgqrs")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface PgqrsConfig {

    /**
     * Where the queues live: {@code postgresql://user:password@host:5432/db}, {@code sqlite:/path/queues.db}
     * or {@code libsql://host} (Turso). The store kind is detected from the scheme unless
     * {@code quarkus.pgqrs.store} says otherwise.
     */
    Optional<String> dsn();

    /**
     * The name of a Quarkus datasource to keep the queues in, instead of a DSN ({@code <default>} for the
     * default datasource). Reserved: sharing a datasource arrives in a later version.
     */
    Optional<String> datasource();

    /** The database schema of the queue tables (PostgreSQL); {@code public} when absent. */
    Optional<String> schema();

    /** Turso settings. */
    Turso turso();

    interface Turso {
        /** The authentication token of a Turso database (not needed for a local {@code tursodb --sync-server}). */
        Optional<String> authToken();
    }
}
