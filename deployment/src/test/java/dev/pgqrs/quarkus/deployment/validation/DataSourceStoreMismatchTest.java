package dev.pgqrs.quarkus.deployment.validation;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** quarkus.pgqrs.store and the datasource's db-kind must agree. */
class DataSourceStoreMismatchTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BuildFailures.OrdersConsumer.class))
            .overrideConfigKey("quarkus.datasource.queues.db-kind", "sqlite")
            .overrideConfigKey("quarkus.datasource.queues.jdbc.url", "jdbc:sqlite:target/never-opened.db")
            .overrideConfigKey("quarkus.pgqrs.datasource", "queues")
            .overrideConfigKey("quarkus.pgqrs.store", "postgres")
            .assertException(BuildFailures.deploymentFailure("quarkus.pgqrs.store=postgres", "sqlite datasource (the sqlite store)", "Fix:"));

    @Test
    void buildFails() {
        // the assertion is on the build failure above
    }
}
