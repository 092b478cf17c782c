package dev.pgqrs.quarkus.deployment.validation;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** quarkus.pgqrs.datasource naming no JDBC datasource fails the build and lists the ones there are. */
class UnknownDataSourceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BuildFailures.OrdersConsumer.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:1/none")
            .overrideConfigKey("quarkus.pgqrs.datasource", "queues")
            .assertException(BuildFailures.deploymentFailure("quarkus.pgqrs.datasource=queues names no JDBC datasource", "[<default>]", "quarkus.datasource.queues.db-kind", "Fix:"));

    @Test
    void buildFails() {
        // the assertion is on the build failure above
    }
}
