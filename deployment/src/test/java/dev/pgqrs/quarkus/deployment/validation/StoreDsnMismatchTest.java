package dev.pgqrs.quarkus.deployment.validation;

import dev.pgqrs.quarkus.deployment.TestDatabase;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** quarkus.pgqrs.store and a DSN of another store fail the build. */
class StoreDsnMismatchTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BuildFailures.OrdersConsumer.class, TestDatabase.class))
            .overrideConfigKey("quarkus.pgqrs.dsn", TestDatabase.dsn())
            .overrideConfigKey("quarkus.pgqrs.store", "turso")
            .assertException(BuildFailures.deploymentFailure("quarkus.pgqrs.store=turso", "postgres store", "Fix:"));

    @Test
    void buildFails() {
        // the assertion is on the build failure above
    }
}
