package dev.pgqrs.quarkus.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgqrs.Store;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** No DSN, no store configured: an embedded PostgreSQL is started and messages go through it. */
class DevServicesPostgresTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            // Port 0: other builds on this machine may be using 8081.
            .overrideConfigKey("quarkus.http.test-port", "0")
            .withApplicationRoot(jar -> jar.addClasses(Relay.class, DevServicesLog.class))
            .overrideConfigKey("mp.messaging.outgoing.relay-out.queue", "ds-postgres")
            .overrideConfigKey("mp.messaging.incoming.relay-in.queue", "ds-postgres")
            .setLogRecordPredicate(DevServicesLog::isDevServices)
            .assertLogRecords(records -> assertThat(DevServicesLog.messages(records))
                    .anyMatch(m -> m.contains("PostgreSQL") && m.contains("quarkus.pgqrs.dsn=postgresql://postgres@localhost:")));

    @ConfigProperty(name = "quarkus.pgqrs.dsn")
    String dsn;

    @Inject
    Store store;

    @Inject
    Relay relay;

    @Test
    void startsAnEmbeddedPostgresSharedByTheTestRun() throws Exception {
        assertThat(dsn).startsWith("postgresql://postgres@localhost:");
        assertThat(store.kind()).isEqualTo("postgres");
        assertThat(System.getProperty("pgqrs.devservices.test-run.postgres")).isEqualTo(dsn);

        relay.assertMessagesFlow();
    }
}
