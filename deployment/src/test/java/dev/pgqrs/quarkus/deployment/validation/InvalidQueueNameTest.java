package dev.pgqrs.quarkus.deployment.validation;

import dev.pgqrs.quarkus.deployment.TestDatabase;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An invalid queue name fails the build. */
class InvalidQueueNameTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BuildFailures.OrdersConsumer.class, TestDatabase.class))
            .overrideConfigKey("quarkus.pgqrs.dsn", TestDatabase.dsn())
            .overrideConfigKey("mp.messaging.incoming.orders.queue", "9 orders")
            .assertException(BuildFailures.deploymentFailure("Channel 'orders'", "mp.messaging.incoming.orders.queue='9 orders'", "not a valid queue name", "store: postgres", "Fix:"));

    @Test
    void buildFails() {
        // the assertion is on the build failure above
    }
}
