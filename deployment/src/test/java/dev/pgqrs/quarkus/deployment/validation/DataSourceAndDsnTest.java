package dev.pgqrs.quarkus.deployment.validation;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** quarkus.pgqrs.datasource and quarkus.pgqrs.dsn together fail the build. */
class DataSourceAndDsnTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BuildFailures.OrdersConsumer.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:1/none")
            .overrideConfigKey("quarkus.pgqrs.datasource", "<default>")
            .overrideConfigKey("quarkus.pgqrs.dsn", "postgresql://localhost:1/none")
            .assertException(BuildFailures.deploymentFailure("quarkus.pgqrs.datasource=<default> and quarkus.pgqrs.dsn are both set", "Fix:"));

    @Test
    void buildFails() {
        // the assertion is on the build failure above
    }
}
