package dev.pgqrs.quarkus.deployment.devservices;

import io.quarkus.deployment.builditem.Startable;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;

/**
 * The development store as Quarkus Dev Services see it. In dev mode it is started and stopped with the
 * application (and kept across live reloads by Quarkus); in test mode it is the test run's shared store, which
 * outlives each test application.
 */
final class PgqrsDevStore implements Startable {
    private static final Logger LOG = Logger.getLogger(PgqrsDevStore.class);

    private final String kind;
    private final StoreLauncher launcher;
    private final boolean sharedByTestRun;
    private RunningStore running;
    private String dsn;

    PgqrsDevStore(String kind, StoreLauncher launcher, boolean sharedByTestRun) {
        this.kind = kind;
        this.launcher = launcher;
        this.sharedByTestRun = sharedByTestRun;
    }

    @Override
    public void start() {
        try {
            if (sharedByTestRun) {
                dsn = TestRunStores.acquire(kind, launcher);
            } else {
                running = launcher.start();
                dsn = running.dsn();
                LOG.infof("Dev Services for pgqrs started %s, quarkus.pgqrs.dsn=%s", running.description(), dsn);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Dev Services for pgqrs could not start the " + kind + " store: " + e.getMessage()
                    + ". Set quarkus.pgqrs.dsn to a database of your own, or quarkus.pgqrs.devservices.enabled=false.", e);
        }
    }

    @Override
    public String getConnectionInfo() {
        return dsn;
    }

    /** Not a container. */
    @Override
    public String getContainerId() {
        return null;
    }

    @Override
    public void close() throws IOException {
        if (running == null) {
            return;
        }
        try {
            running.stopper().close();
            LOG.infof("Dev Services for pgqrs stopped %s", running.description());
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Dev Services for pgqrs could not stop " + running.description(), e);
        } finally {
            running = null;
        }
    }
}
