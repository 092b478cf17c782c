package dev.pgqrs.quarkus.deployment.validation;

import dev.pgqrs.quarkus.deployment.TestDatabase;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A visibility timeout of zero fails the build. */
class NonPositiveVisibilityTimeoutTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BuildFailures.OrdersConsumer.class, TestDatabase.class))
            .overrideConfigKey("quarkus.pgqrs.dsn", TestDatabase.dsn())
            .overrideConfigKey("mp.messaging.incoming.orders.visibility-timeout", "0")
            .assertException(BuildFailures.deploymentFailure("Channel 'orders'", "mp.messaging.incoming.orders.visibility-timeout=0", "store: postgres", "Fix:"));

    @Test
    void buildFails() {
        // the assertion is on the build failure above
    }
}
