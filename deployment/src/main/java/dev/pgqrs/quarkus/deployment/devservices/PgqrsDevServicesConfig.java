package dev.pgqrs.quarkus.deployment.devservices;

import io.quarkus.runtime.annotations.ConfigGroup;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** {@code quarkus.pgqrs.devservices.*}: the store started for dev and test mode. */
@ConfigGroup
public interface PgqrsDevServicesConfig {

    /**
     * Whether a store is started in dev and test mode when neither {@code quarkus.pgqrs.dsn} nor
     * {@code quarkus.pgqrs.datasource} is set. Which store follows {@code quarkus.pgqrs.store}: an embedded
     * PostgreSQL 17 ({@code postgres}, the default), a SQLite file under the build directory ({@code sqlite}) or a
     * {@code tursodb --sync-server} ({@code turso}). Nothing needs Docker.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * The {@code tursodb} binary for the {@code turso} store. When absent it is looked up on the {@code PATH}, then in
     * {@code node_modules/@tursodatabase/cli-<platform>/tursodb} (what {@code npm install turso@0.6.0} installs) in
     * the working directory or one of its parents.
     */
    Optional<String> tursoBinary();
}
