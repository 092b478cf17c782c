package dev.pgqrs.quarkus.deployment;

import dev.pgqrs.quarkus.deployment.devservices.PgqrsDevServicesConfig;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** Build-time configuration of the pgqrs extension. */
@ConfigMapping(prefix = "quarkus.pgqrs")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface PgqrsBuildTimeConfig {

    /**
     * The store the application is built for: {@code postgres}, {@code sqlite} or {@code turso}. When absent it is
     * detected from {@code quarkus.pgqrs.dsn}, or from the db-kind of {@code quarkus.pgqrs.datasource}; the build
     * fails if they disagree.
     */
    Optional<String> store();

    /**
     * Keep the queues in this Quarkus datasource ({@code <default>} for the default one) instead of
     * {@code quarkus.pgqrs.dsn}: its db-kind must be {@code postgresql} or {@code sqlite}. Messages sent inside a JTA
     * transaction are then written in it (see docs/transactions.md). Needs {@code quarkus-agroal} and the JDBC driver
     * extension; Quarkus's datasource Dev Services apply to it, pgqrs's own do not.
     */
    Optional<String> datasource();

    /**
     * Capabilities the application relies on: {@code multi-process}, {@code skip-locked}, {@code transactions},
     * {@code cross-process-wakeup}. The build fails when the chosen store lacks one of them.
     */
    Optional<List<String>> requiredCapabilities();

    /** Dev Services: a store started for dev and test mode when no DSN or datasource is configured. */
    PgqrsDevServicesConfig devservices();
}
