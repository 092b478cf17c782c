package dev.pgqrs.quarkus.deployment.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pgqrs.DeadLetter;
import dev.pgqrs.QueueMetrics;
import dev.pgqrs.Store;
import dev.pgqrs.quarkus.deployment.TestDatabase;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Asynchronous acknowledgement: an @Incoming method persists with Hibernate Reactive and returns the
 * transaction's Uni. A commit acks the message (archived); a constraint violation nacks it, it is retried
 * and finally dead-lettered with the database's error as the reason.
 */
class HibernateReactiveAckTest {
    static final String QUEUE = "hr-shipments";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Shipping.class, ShippedOrder.class, Order.class, TestDatabase.class, JdbcUrls.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.jdbc", "false")
            .overrideConfigKey("quarkus.datasource.reactive.url", TestDatabase.dsn())
            .overrideConfigKey("quarkus.datasource.username", "postgres")
            .overrideConfigKey("quarkus.hibernate-orm.schema-management.strategy", "drop-and-create")
            .overrideConfigKey("quarkus.pgqrs.dsn", TestDatabase.dsn())
            .overrideConfigKey("mp.messaging.incoming.shipments.connector", "pgqrs")
            .overrideConfigKey("mp.messaging.incoming.shipments.queue", QUEUE)
            .overrideConfigKey("mp.messaging.incoming.shipments.poll-interval", "100")
            .overrideConfigKey("mp.messaging.incoming.shipments.max-read-count", "3")
            .overrideConfigKey("mp.messaging.incoming.shipments.retry-delay", "50");

    static Store store;

    @BeforeAll
    static void open() {
        store = TestDatabase.store();
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Inject
    Shipping shipping;

    static Connection jdbc() throws SQLException {
        return DriverManager.getConnection(JdbcUrls.postgres(), "postgres", "");
    }

    static boolean shipped(String id) throws SQLException {
        try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM hr_shipped WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }

    @Test
    void aCommittedTransactionAcksAndAFailedOneIsRetriedThenDeadLettered() throws SQLException {
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            // Already shipped: storing it again violates the primary key.
            s.executeUpdate("INSERT INTO hr_shipped (id, via) VALUES ('twice', 'earlier')");
        }
        store.producer(QUEUE).send("{\"id\":\"once\",\"via\":\"queue\"}");
        store.producer(QUEUE).send("{\"id\":\"twice\",\"via\":\"queue\"}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            QueueMetrics m = store.admin().metrics(QUEUE);
            assertThat(m.archived()).as("acked").isEqualTo(1);
            assertThat(m.dead()).as("dead-lettered").isEqualTo(1);
        });
        assertThat(shipped("once")).isTrue();
        assertThat(shipping.attempts("once")).isEqualTo(1);
        assertThat(shipping.unsettledInsideTransaction("once")).as("claimed, unsettled messages inside the transaction")
                .isPositive();

        List<DeadLetter> dead = store.admin().deadLetters(QUEUE, 10);
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.payload()).contains("twice");
            assertThat(d.readCount()).isEqualTo(3);
            assertThat(d.reason()).containsIgnoringCase("duplicate key");
        });
        assertThat(shipping.attempts("twice")).isEqualTo(3);
    }
}
