package dev.pgqrs.quarkus.deployment.txn;

import io.quarkus.test.QuarkusUnitTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Transactional enqueue on a shared SQLite datasource (quarkus-jdbc-sqlite), a named one this time: the
 * orders table and the queues live in one file, and one JTA transaction covers both.
 */
class SqliteTransactionalSendTest extends TransactionalSendChecks {
    static final Path FILE = newFile();

    /** One file per test JVM: QuarkusUnitTest loads this class in two class loaders, so the name is kept in a system property. */
    static synchronized Path newFile() {
        String name = System.getProperty("pgqrs.test.txn-sqlite");
        if (name == null) {
            try {
                Path dir = Files.createDirectories(Path.of("target", "sqlite-tests"));
                name = dir.resolve("txn-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".db").toAbsolutePath().toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty("pgqrs.test.txn-sqlite", name);
        }
        return Path.of(name);
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Orders.class, Order.class, Deliveries.class, TransactionalSendChecks.class))
            .overrideConfigKey("quarkus.datasource.queues.db-kind", "sqlite")
            .overrideConfigKey("quarkus.datasource.queues.jdbc.url", "jdbc:sqlite:" + FILE + "?busy_timeout=10000&foreign_keys=true")
            .overrideConfigKey("quarkus.datasource.reactive", "false")
            .overrideConfigKey("quarkus.pgqrs.datasource", "queues")
            .overrideConfigKey("txn.datasource", "queues")
            // Without it, context propagation suspends the caller's transaction around Emitter deliveries (docs/transactions.md).
            .overrideConfigKey("mp.context.ThreadContext.unchanged", "Transaction")
            .overrideConfigKey("mp.messaging.connector.pgqrs.poll-interval", "100")
            .overrideConfigKey("mp.messaging.outgoing.placed.connector", "pgqrs")
            .overrideConfigKey("mp.messaging.outgoing.placed.queue", Orders.EMITTER_QUEUE)
            .overrideConfigKey("mp.messaging.incoming.emitted.connector", "pgqrs")
            .overrideConfigKey("mp.messaging.incoming.emitted.queue", Orders.EMITTER_QUEUE)
            .overrideConfigKey("mp.messaging.incoming.produced.connector", "pgqrs")
            .overrideConfigKey("mp.messaging.incoming.produced.queue", Orders.PRODUCER_QUEUE);

    @Override
    Connection outsideConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + FILE);
    }
}
