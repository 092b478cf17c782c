package dev.pgqrs.quarkus;

import dev.pgqrs.Pgqrs;
import dev.pgqrs.Store;
import dev.pgqrs.postgres.PostgresStore;
import dev.pgqrs.turso.TursoStore;
import io.quarkus.arc.SyntheticCreationalContext;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.util.function.Function;
import org.jboss.logging.Logger;

/** Opens the store at runtime init from the runtime configuration. */
@Recorder
public class PgqrsRecorder {
    private static final Logger LOG = Logger.getLogger(PgqrsRecorder.class);

    private final RuntimeValue<PgqrsConfig> config;

    public PgqrsRecorder(RuntimeValue<PgqrsConfig> config) {
        this.config = config;
    }

    /** @param buildKind the store kind the application was built for */
    public Function<SyntheticCreationalContext<Store>, Store> storeCreator(String buildKind) {
        return ctx -> open(buildKind);
    }

    Store open(String buildKind) {
        PgqrsConfig c = config.getValue();
        if (c.dsn().isEmpty()) {
            if (c.datasource().isPresent()) {
                throw new ConfigurationException("quarkus.pgqrs.datasource=" + c.datasource().get() + " is not supported yet"
                        + " in this version of pgqrs. Set quarkus.pgqrs.dsn to the database's DSN instead.");
            }
            throw new ConfigurationException("quarkus.pgqrs.dsn is not set. Set it to where the queues live, e.g."
                    + " postgresql://user:password@localhost:5432/app or sqlite:/var/lib/app/queues.db.");
        }
        String dsn = c.dsn().get();
        String kind = Pgqrs.storeKind(dsn);
        if (buildKind != null && !buildKind.equals(kind)) {
            throw new ConfigurationException("The application was built for the " + buildKind + " store, but quarkus.pgqrs.dsn"
                    + " names a " + kind + " store. Rebuild with quarkus.pgqrs.store=" + kind + ", or use a " + buildKind + " DSN.");
        }
        Store store;
        if (PostgresStore.KIND.equals(kind) && c.schema().isPresent()) {
            store = PostgresStore.builder().dsn(dsn.trim()).schema(c.schema().get()).build();
        } else if (TursoStore.KIND.equals(kind) && c.turso().authToken().isPresent()) {
            store = TursoStore.builder().url(dsn.trim()).authToken(c.turso().authToken().get()).build();
        } else {
            store = Pgqrs.connect(dsn);
        }
        if (!store.capabilities().supportsMultiProcess() && LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warn(singleProcessWarning(kind));
        }
        return store;
    }

    /** Shared by the build-time and the startup warning. */
    public static String singleProcessWarning(String kind) {
        return "pgqrs uses the " + kind + " store, which is single-process: only consumers inside this one JVM may claim"
                + " from it. Running two instances of the application against the same " + kind + " database can deliver a"
                + " message twice at once. Use PostgreSQL (quarkus.pgqrs.dsn=postgresql://...) to scale out.";
    }
}
