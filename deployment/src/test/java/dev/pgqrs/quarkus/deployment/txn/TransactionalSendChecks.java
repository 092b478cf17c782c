package dev.pgqrs.quarkus.deployment.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pgqrs.quarkus.PgqrsProducer;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transactional enqueue on a shared datasource, for both send paths (an Emitter on a pgqrs channel and
 * the injectable PgqrsProducer): commit delivers the order row and its message, rollback neither. Each
 * store's test class supplies the application and a connection that takes no part in its transactions.
 */
abstract class TransactionalSendChecks {
    static final Duration DELIVERY = Duration.ofSeconds(30);

    @Inject
    Orders orders;

    @Inject
    Deliveries deliveries;

    @Inject
    PgqrsProducer producer;

    /** A connection of its own to the database, outside the application's transactions. */
    abstract Connection outsideConnection() throws SQLException;

    @BeforeEach
    void table() throws SQLException {
        orders.createTable();
    }

    long messagesMentioning(String text) throws SQLException {
        try (Connection c = outsideConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pgqrs_messages WHERE "
                        + "CAST(payload AS TEXT) LIKE ?")) {
            ps.setString(1, "%\"" + text + "\"%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void emitterCommitDeliversTheOrderAndItsMessage() throws SQLException {
        orders.placeWithEmitter("e-commit", false);
        assertThat(orders.rowExists("e-commit")).isTrue();
        await().atMost(DELIVERY).until(() -> deliveries.received("emitter", "e-commit"));
    }

    @Test
    void emitterRollbackDeliversNeither() throws SQLException {
        assertThatThrownBy(() -> orders.placeWithEmitter("e-rollback", true)).hasMessageContaining("rejected");
        assertThat(orders.rowExists("e-rollback")).isFalse();
        assertThat(messagesMentioning("e-rollback")).isZero();
        // A later order on the same queue arrives; the rolled-back one never does.
        orders.placeWithEmitter("e-after-rollback", false);
        await().atMost(DELIVERY).until(() -> deliveries.received("emitter", "e-after-rollback"));
        assertThat(deliveries.received("emitter", "e-rollback")).isFalse();
    }

    @Test
    void producerCommitDeliversTheOrderAndItsMessage() throws SQLException {
        long id = orders.placeWithProducer("p-commit", false);
        assertThat(id).isPositive();
        assertThat(orders.rowExists("p-commit")).isTrue();
        await().atMost(DELIVERY).until(() -> deliveries.received("producer", "p-commit"));
    }

    @Test
    void producerRollbackDeliversNeither() throws SQLException {
        assertThatThrownBy(() -> orders.placeWithProducer("p-rollback", true)).hasMessageContaining("rejected");
        assertThat(orders.rowExists("p-rollback")).isFalse();
        assertThat(messagesMentioning("p-rollback")).isZero();
        orders.placeWithProducer("p-after-rollback", false);
        await().atMost(DELIVERY).until(() -> deliveries.received("producer", "p-after-rollback"));
        assertThat(deliveries.received("producer", "p-rollback")).isFalse();
    }

    @Test
    void bothSendsAreInvisibleToOtherConnectionsUntilTheCommit() throws SQLException {
        long seenInside = orders.sendAndCountFromOutside("uncommitted", this::messagesMentioning);
        assertThat(seenInside).as("messages visible outside before the commit").isZero();
        assertThat(messagesMentioning("uncommitted")).as("after the commit").isEqualTo(2);
        await().atMost(DELIVERY).until(() -> deliveries.received("producer", "uncommitted")
                && deliveries.received("emitter", "uncommitted"));
    }

    @Test
    void aSendToAQueueThatDoesNotExistYetCreatesItAndARollbackDoesNotLoseLaterSends() throws SQLException {
        String queue = "txn-new-" + System.nanoTime();
        assertThatThrownBy(() -> orders.placeWithProducerTo(queue, "q-rollback", true)).hasMessageContaining("rejected");
        assertThat(messagesMentioning("q-rollback")).isZero();
        orders.placeWithProducerTo(queue, "q-commit", false);
        assertThat(messagesMentioning("q-commit")).isEqualTo(1);
        assertThat(queueExists(queue)).isTrue();
    }

    boolean queueExists(String queue) throws SQLException {
        try (Connection c = outsideConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pgqrs_queues WHERE queue_name = ?")) {
            ps.setString(1, queue);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }

    @Test
    void outsideATransactionEachSendCommitsOnItsOwn() throws SQLException {
        assertThat(orders.producerJoins()).isTrue();
        assertThat(producer.joinsTransaction()).isFalse();
        producer.send(Orders.PRODUCER_QUEUE, new Order("no-transaction", "producer"));
        assertThat(messagesMentioning("no-transaction")).isEqualTo(1);
        await().atMost(DELIVERY).until(() -> deliveries.received("producer", "no-transaction"));
    }
}
