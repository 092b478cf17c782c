package dev.pgqrs.quarkus.deployment.devservices;

import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * One development store per kind for a whole test run (one JVM), stopped when the JVM exits.
 * <p>
 * Quarkus closes Dev Services with each test application, and every {@code QuarkusUnitTest} class is an application
 * of its own, with its own class loaders; a static field would not be shared between them. The JDK's system
 * properties are, and the DSN is all a later test class needs.
 */
final class TestRunStores {
    private static final Logger LOG = Logger.getLogger(TestRunStores.class);
    private static final String PREFIX = "pgqrs.devservices.test-run.";

    private TestRunStores() {
    }

    static String acquire(String key, StoreLauncher launcher) throws IOException {
        synchronized (System.getProperties()) {
            String dsn = System.getProperty(PREFIX + key);
            if (dsn != null) {
                LOG.infof("Dev Services for pgqrs: reusing the %s store of this test run, quarkus.pgqrs.dsn=%s", key, dsn);
                return dsn;
            }
            RunningStore store = launcher.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(store), "pgqrs-devservices-stop"));
            System.setProperty(PREFIX + key, store.dsn());
            LOG.infof("Dev Services for pgqrs started %s for this test run, quarkus.pgqrs.dsn=%s", store.description(),
                    store.dsn());
            return store.dsn();
        }
    }

    private static void stop(RunningStore store) {
        try {
            store.stopper().close();
        } catch (Exception e) {
            // Logging may already be shut down this late.
            System.err.println("pgqrs Dev Services could not stop " + store.description() + ": " + e);
        }
    }
}
