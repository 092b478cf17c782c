package dev.pgqrs.quarkus.deployment.validation;

import dev.pgqrs.quarkus.deployment.TestDatabase;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A required capability the chosen store lacks fails the build. */
class MissingCapabilityTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BuildFailures.OrdersConsumer.class, TestDatabase.class))
            .overrideConfigKey("quarkus.pgqrs.dsn", "sqlite:target/never-opened.db")
            .overrideConfigKey("quarkus.pgqrs.required-capabilities", "multi-process")
            .assertException(BuildFailures.deploymentFailure("quarkus.pgqrs.required-capabilities", "'multi-process'", "sqlite store", "SINGLE_PROCESS", "orders", "Fix:", "postgres"));

    @Test
    void buildFails() {
        // the assertion is on the build failure above
    }
}
