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
     * detected from {@code quarkus.pgqrs.dsn}; the build fails if both are set and disagree.
     */
    Optional<String> store();

    /**
     * Capabilities the application relies on: {@code multi-process}, {@code skip-locked}, {@code transactions},
     * {@code cross-process-wakeup}. The build fails when the chosen store lacks one of them.
     */
    Optional<List<String>> requiredCapabilities();

    /** Dev Services: a store started for dev and test mode when no DSN or datasource is configured. */
    PgqrsDevServicesConfig devservices();
}
