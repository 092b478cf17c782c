package dev.pgqrs.quarkus.deployment.validation;

import dev.pgqrs.quarkus.deployment.TestDatabase;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two channels asking one queue for different dead-letter policies fail the build. */
class ConflictingMaxReadCountTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BuildFailures.TwoConsumers.class, TestDatabase.class))
            .overrideConfigKey("quarkus.pgqrs.dsn", TestDatabase.dsn())
            .overrideConfigKey("mp.messaging.incoming.billing.queue", "orders")
            .overrideConfigKey("mp.messaging.incoming.billing.max-read-count", "3")
            .overrideConfigKey("mp.messaging.incoming.audit.queue", "orders")
            .overrideConfigKey("mp.messaging.incoming.audit.max-read-count", "7")
            .assertException(BuildFailures.deploymentFailure("mp.messaging.incoming.billing.max-read-count=3", "mp.messaging.incoming.audit.max-read-count=7", "queue 'orders'", "store: postgres", "Fix:"));

    @Test
    void buildFails() {
        // the assertion is on the build failure above
    }
}
