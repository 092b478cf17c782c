package dev.pgqrs.quarkus.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pgqrs.quarkus.deployment.TestDatabase;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An explicit DSN wins: Dev Services start nothing and log nothing. */
class DevServicesExplicitDsnTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            // Port 0: other builds on this machine may be using 8081.
            .overrideConfigKey("quarkus.http.test-port", "0")
            .withApplicationRoot(jar -> jar.addClasses(Relay.class, DevServicesLog.class, TestDatabase.class))
            .overrideConfigKey("quarkus.pgqrs.dsn", TestDatabase.dsn())
            .overrideConfigKey("mp.messaging.outgoing.relay-out.queue", "ds-explicit")
            .overrideConfigKey("mp.messaging.incoming.relay-in.queue", "ds-explicit")
            .setLogRecordPredicate(DevServicesLog::isDevServices)
            .assertLogRecords(records -> assertThat(records).isEmpty());

    @ConfigProperty(name = "quarkus.pgqrs.dsn")
    String dsn;

    @Inject
    Relay relay;

    @Test
    void usesTheConfiguredDatabase() throws Exception {
        assertThat(dsn).isEqualTo(TestDatabase.dsn());
        relay.send("explicit").toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).until(() -> relay.received().size() == 1);
    }
}
