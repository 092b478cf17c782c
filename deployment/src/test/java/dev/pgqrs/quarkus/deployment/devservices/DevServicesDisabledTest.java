package dev.pgqrs.quarkus.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** quarkus.pgqrs.devservices.enabled=false and no DSN: nothing is started, and startup says what to set. */
class DevServicesDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            // Port 0: other builds on this machine may be using 8081.
            .overrideConfigKey("quarkus.http.test-port", "0")
            .withApplicationRoot(jar -> jar.addClasses(Relay.class, DevServicesLog.class))
            .overrideConfigKey("quarkus.pgqrs.devservices.enabled", "false")
            .overrideConfigKey("mp.messaging.outgoing.relay-out.queue", "ds-disabled")
            .overrideConfigKey("mp.messaging.incoming.relay-in.queue", "ds-disabled")
            .setLogRecordPredicate(DevServicesLog::isDevServices)
            .assertLogRecords(records -> assertThat(records).isEmpty())
            .assertException(t -> assertThat(messages(t)).anyMatch(m -> m.contains("quarkus.pgqrs.dsn is not set")));

    static List<String> messages(Throwable t) {
        List<String> all = new ArrayList<>();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.add(String.valueOf(c.getMessage()));
        }
        return all;
    }

    @Test
    void startupFails() {
        // assertException above checks the failure; this method only has to exist.
    }
}
