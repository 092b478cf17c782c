package dev.pgqrs.quarkus.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** quarkus.pgqrs.store=turso with a tursodb that does not exist: the build fails and says how to install it. */
class DevServicesTursoWithoutBinaryTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            // Port 0: other builds on this machine may be using 8081.
            .overrideConfigKey("quarkus.http.test-port", "0")
            .withApplicationRoot(jar -> jar.addClasses(Relay.class))
            .overrideConfigKey("quarkus.pgqrs.store", "turso")
            .overrideConfigKey("quarkus.pgqrs.devservices.turso-binary", "/nonexistent/tursodb")
            .overrideConfigKey("mp.messaging.outgoing.relay-out.queue", "ds-turso")
            .overrideConfigKey("mp.messaging.incoming.relay-in.queue", "ds-turso")
            .assertException(t -> assertThat(DevServicesDisabledTest.messages(t))
                    .anyMatch(m -> m.contains("quarkus.pgqrs.devservices.turso-binary=/nonexistent/tursodb")
                            && m.contains("npm install turso@0.6.0")));

    @Test
    void buildFails() {
        // assertException above checks the failure; this method only has to exist.
    }
}
