package dev.pgqrs.quarkus.deployment.txn;

import dev.pgqrs.quarkus.deployment.TestDatabase;
import io.quarkus.test.QuarkusUnitTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Transactional enqueue on a shared PostgreSQL datasource (the embedded PostgreSQL 17, JDBC URL set explicitly). */
class PostgresTransactionalSendTest extends TransactionalSendChecks {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Orders.class, Order.class, Deliveries.class, TestDatabase.class,
                    TransactionalSendChecks.class, JdbcUrls.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.jdbc.url", JdbcUrls.postgres())
            .overrideConfigKey("quarkus.datasource.username", "postgres")
            .overrideConfigKey("quarkus.datasource.reactive", "false")
            .overrideConfigKey("quarkus.pgqrs.datasource", "<default>")
            // Without it, context propagation suspends the caller's transaction around Emitter deliveries (docs/transactions.md).
            .overrideConfigKey("mp.context.ThreadContext.unchanged", "Transaction")
            .overrideConfigKey("quarkus.pgqrs.schema", "txn")
            .overrideConfigKey("mp.messaging.connector.pgqrs.poll-interval", "100")
            .overrideConfigKey("mp.messaging.outgoing.placed.connector", "pgqrs")
            .overrideConfigKey("mp.messaging.outgoing.placed.queue", Orders.EMITTER_QUEUE)
            .overrideConfigKey("mp.messaging.incoming.emitted.connector", "pgqrs")
            .overrideConfigKey("mp.messaging.incoming.emitted.queue", Orders.EMITTER_QUEUE)
            .overrideConfigKey("mp.messaging.incoming.produced.connector", "pgqrs")
            .overrideConfigKey("mp.messaging.incoming.produced.queue", Orders.PRODUCER_QUEUE);

    @Override
    Connection outsideConnection() throws SQLException {
        Connection c = DriverManager.getConnection(JdbcUrls.postgres(), "postgres", "");
        c.setSchema("txn");
        return c;
    }
}
