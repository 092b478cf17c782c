package dev.pgqrs.quarkus.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgqrs.Store;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** quarkus.pgqrs.store=turso and no DSN: a tursodb --sync-server on a file under the build directory. */
class DevServicesTursoTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            // Port 0: other builds on this machine may be using 8081.
            .overrideConfigKey("quarkus.http.test-port", "0")
            .withApplicationRoot(jar -> jar.addClasses(Relay.class, DevServicesLog.class))
            .overrideConfigKey("quarkus.pgqrs.store", "turso")
            .overrideConfigKey("quarkus.pgqrs.devservices.turso-binary", System.getProperty("pgqrs.test.tursodb"))
            .overrideConfigKey("mp.messaging.outgoing.relay-out.queue", "ds-turso")
            .overrideConfigKey("mp.messaging.incoming.relay-in.queue", "ds-turso")
            .setLogRecordPredicate(DevServicesLog::isDevServices)
            .assertLogRecords(records -> assertThat(DevServicesLog.messages(records))
                    .anyMatch(m -> m.contains("tursodb") && m.contains("quarkus.pgqrs.dsn=http://127.0.0.1:")));

    @ConfigProperty(name = "quarkus.pgqrs.dsn")
    String dsn;

    @Inject
    Store store;

    @Inject
    Relay relay;

    @Test
    void startsATursodbServer() throws Exception {
        assertThat(dsn).startsWith("http://127.0.0.1:");
        assertThat(store.kind()).isEqualTo("turso");
        assertThat(System.getProperty("pgqrs.devservices.test-run.turso")).isEqualTo(dsn);

        relay.assertMessagesFlow();
    }
}
