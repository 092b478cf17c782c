package dev.pgqrs.quarkus.deployment.devservices;

import dev.pgqrs.quarkus.deployment.PgqrsBuildTimeConfig;
import dev.pgqrs.quarkus.deployment.PgqrsStoreKindBuildItem;
import io.quarkus.deployment.IsDevServicesSupportedByLaunchMode;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.deployment.dev.devservices.DevServicesConfig;
import io.quarkus.deployment.pkg.builditem.BuildSystemTargetBuildItem;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.ConfigUtils;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Starts a store for dev and test mode when the application names none: an embedded PostgreSQL, a SQLite file or
 * a tursodb server, all without Docker. The DSN reaches the application as {@code quarkus.pgqrs.dsn}.
 */
@BuildSteps(onlyIf = { IsDevServicesSupportedByLaunchMode.class, DevServicesConfig.Enabled.class })
public class PgqrsDevServicesProcessor {
    private static final Logger LOG = Logger.getLogger(PgqrsDevServicesProcessor.class);
    static final String FEATURE = "pgqrs";
    static final String DEFAULT_STORE = "postgres";

    @BuildStep
    DevServicesResultBuildItem devStore(PgqrsBuildTimeConfig config, PgqrsStoreKindBuildItem storeKind,
            LaunchModeBuildItem launchMode, BuildSystemTargetBuildItem target) {
        if (!config.devservices().enabled()) {
            LOG.debug("Dev Services for pgqrs are disabled (quarkus.pgqrs.devservices.enabled=false)");
            return null;
        }
        if (ConfigUtils.isPropertyNonEmpty("quarkus.pgqrs.dsn") || ConfigUtils.isPropertyNonEmpty("quarkus.pgqrs.datasource")) {
            LOG.debug("Dev Services for pgqrs are not needed: quarkus.pgqrs.dsn or quarkus.pgqrs.datasource is set");
            return null;
        }
        String kind = storeKind.kind();
        if (kind == null) {
            if (config.store().isPresent()) {
                return null; // an invalid quarkus.pgqrs.store; the validation step reports it
            }
            kind = DEFAULT_STORE;
        }
        boolean test = launchMode.getLaunchMode() == LaunchMode.TEST;
        Path dir = target.getOutputDirectory().resolve("pgqrs-devservices");
        // Test files are per JVM so that parallel test runs of one module cannot share one by accident.
        String fileName = test ? "test-" + ProcessHandle.current().pid() : "dev";
        StoreLauncher launcher = switch (kind) {
            case "sqlite" -> new SqliteFileLauncher(dir.resolve(fileName + ".db"), test);
            case "turso" -> new TursoLauncher(TursoBinary.locate(config.devservices().tursoBinary(), System.getenv("PATH"),
                    Path.of("").toAbsolutePath()), dir.resolve(fileName + "-turso.db"), test);
            default -> new EmbeddedPostgresLauncher();
        };
        String store = kind;
        // Compared across live reloads: the same store (and binary) means the running one, and its data, is kept.
        String identity = "store=" + kind + ";turso-binary=" + config.devservices().tursoBinary().orElse("");
        return DevServicesResultBuildItem.<PgqrsDevStore> owned()
                .feature(FEATURE)
                .description("pgqrs " + kind + " store")
                .serviceConfig(identity)
                .startable(() -> new PgqrsDevStore(store, launcher, test))
                .configProvider(Map.of("quarkus.pgqrs.dsn", PgqrsDevStore::getConnectionInfo))
                .build();
    }
}
