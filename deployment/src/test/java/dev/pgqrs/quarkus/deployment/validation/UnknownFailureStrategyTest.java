package dev.pgqrs.quarkus.deployment.validation;

import dev.pgqrs.quarkus.deployment.TestDatabase;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An unknown failure strategy fails the build. */
class UnknownFailureStrategyTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BuildFailures.OrdersConsumer.class, TestDatabase.class))
            .overrideConfigKey("quarkus.pgqrs.dsn", TestDatabase.dsn())
            .overrideConfigKey("mp.messaging.incoming.orders.failure-strategy", "shrug")
            .assertException(BuildFailures.deploymentFailure("Channel 'orders'", "mp.messaging.incoming.orders.failure-strategy=shrug", "unknown failure strategy", "store: postgres", "dead-letter", "@Identifier(\"shrug\")"));

    @Test
    void buildFails() {
        // the assertion is on the build failure above
    }
}
