package dev.pgqrs.quarkus.deployment.validation;

import dev.pgqrs.quarkus.deployment.TestDatabase;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Zero claiming threads on a channel fails the build. */
class ZeroClaimersTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BuildFailures.OrdersConsumer.class, TestDatabase.class))
            .overrideConfigKey("quarkus.pgqrs.dsn", TestDatabase.dsn())
            .overrideConfigKey("mp.messaging.incoming.orders.claimers", "0")
            .assertException(BuildFailures.deploymentFailure("Channel 'orders'", "mp.messaging.incoming.orders.claimers=0", "store: postgres", "Fix: set mp.messaging.incoming.orders.claimers"));

    @Test
    void buildFails() {
        // the assertion is on the build failure above
    }
}
