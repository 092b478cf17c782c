package dev.pgqrs.quarkus.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgqrs.Store;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** quarkus.pgqrs.store=sqlite and no DSN: a SQLite file under the build directory. */
class DevServicesSqliteTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            // Port 0: other builds on this machine may be using 8081.
            .overrideConfigKey("quarkus.http.test-port", "0")
            .withApplicationRoot(jar -> jar.addClasses(Relay.class, DevServicesLog.class))
            .overrideConfigKey("quarkus.pgqrs.store", "sqlite")
            .overrideConfigKey("mp.messaging.outgoing.relay-out.queue", "ds-sqlite")
            .overrideConfigKey("mp.messaging.incoming.relay-in.queue", "ds-sqlite")
            .setLogRecordPredicate(DevServicesLog::isDevServices)
            .assertLogRecords(records -> assertThat(DevServicesLog.messages(records))
                    .anyMatch(m -> m.contains("quarkus.pgqrs.dsn=sqlite:")));

    @ConfigProperty(name = "quarkus.pgqrs.dsn")
    String dsn;

    @Inject
    Store store;

    @Inject
    Relay relay;

    @Test
    void usesAFileUnderTheBuildDirectory() throws Exception {
        assertThat(dsn).startsWith("sqlite:").contains("pgqrs-devservices").endsWith(".db");
        Path file = Path.of(dsn.substring("sqlite:".length()));
        assertThat(file).isAbsolute();
        assertThat(file.toString()).contains("target");
        assertThat(store.kind()).isEqualTo("sqlite");
        assertThat(System.getProperty("pgqrs.devservices.test-run.sqlite")).isEqualTo(dsn);

        relay.assertMessagesFlow();
        assertThat(Files.exists(file)).isTrue();
    }
}
