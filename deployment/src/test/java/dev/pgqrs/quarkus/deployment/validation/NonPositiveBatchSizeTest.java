package dev.pgqrs.quarkus.deployment.validation;

import dev.pgqrs.quarkus.deployment.TestDatabase;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A negative batch size, set connector-wide, fails the build. */
class NonPositiveBatchSizeTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BuildFailures.OrdersConsumer.class, TestDatabase.class))
            .overrideConfigKey("quarkus.pgqrs.dsn", TestDatabase.dsn())
            .overrideConfigKey("mp.messaging.connector.pgqrs.batch-size", "-5")
            .assertException(BuildFailures.deploymentFailure("Channel 'orders'", "mp.messaging.connector.pgqrs.batch-size=-5", "store: postgres", "Fix: set mp.messaging.incoming.orders.batch-size"));

    @Test
    void buildFails() {
        // the assertion is on the build failure above
    }
}
