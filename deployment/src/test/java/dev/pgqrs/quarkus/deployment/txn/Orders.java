package dev.pgqrs.quarkus.deployment.txn;

import dev.pgqrs.quarkus.PgqrsProducer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Business code: an order row and its message written in one {@code @Transactional} method, through the
 * shared datasource with plain JDBC, and the message through an Emitter or through {@link PgqrsProducer}.
 */
@ApplicationScoped
public class Orders {
    public static final String EMITTER_QUEUE = "txn-emitted";
    public static final String PRODUCER_QUEUE = "txn-produced";

    /** The datasource pgqrs shares (the test's {@code txn.datasource}): the orders live beside the queues. */
    @ConfigProperty(name = "txn.datasource", defaultValue = "<default>")
    String dataSourceName;

    AgroalDataSource dataSource;

    @Inject
    @Channel("placed")
    Emitter<Order> emitter;

    @Inject
    PgqrsProducer producer;

    @PostConstruct
    void lookUpDataSource() {
        dataSource = AgroalDataSourceUtil.dataSourceInstance(dataSourceName).get();
    }

    public void createTable() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS txn_orders (id VARCHAR(64) PRIMARY KEY, via VARCHAR(16) NOT NULL)");
        }
    }

    /** Writes the order and sends it through the Emitter; fails after both when {@code fail} is set. */
    @Transactional
    public void placeWithEmitter(String id, boolean fail) throws SQLException {
        insertRow(id, "emitter");
        emitter.send(new Order(id, "emitter"));
        if (fail) {
            throw new IllegalStateException("order " + id + " rejected after it was written and sent");
        }
    }

    /** Writes the order and sends it through the injectable producer; fails after both when {@code fail} is set. */
    @Transactional
    public long placeWithProducer(String id, boolean fail) throws SQLException {
        insertRow(id, "producer");
        long messageId = producer.send(PRODUCER_QUEUE, new Order(id, "producer"));
        if (fail) {
            throw new IllegalStateException("order " + id + " rejected after it was written and sent");
        }
        return messageId;
    }

    /** Writes the order and sends it to a queue of the caller's choice, which may not exist yet. */
    @Transactional
    public void placeWithProducerTo(String queue, String id, boolean fail) throws SQLException {
        insertRow(id, "producer");
        producer.send(queue, new Order(id, "producer"));
        if (fail) {
            throw new IllegalStateException("order " + id + " rejected after it was written and sent");
        }
    }

    /**
     * Sends through the producer and, still inside the transaction, counts the order's messages over a
     * connection of its own: a send that joined the transaction is not visible there yet.
     */
    @Transactional
    public long sendAndCountFromOutside(String id, OutsideCounter outside) throws SQLException {
        insertRow(id, "producer");
        producer.send(PRODUCER_QUEUE, new Order(id, "producer"));
        emitter.send(new Order(id, "emitter"));
        return outside.messagesMentioning(id);
    }

    /** Whether a send from inside a transaction joins it. */
    @Transactional
    public boolean producerJoins() {
        return producer.joinsTransaction();
    }

    private void insertRow(String id, String via) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO txn_orders (id, via) VALUES (?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, via);
            ps.executeUpdate();
        }
    }

    public boolean rowExists(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM txn_orders WHERE id = ?")) {
            ps.setString(1, id);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }

    /** Counts messages mentioning a text over a connection that takes no part in the caller's transaction. */
    @FunctionalInterface
    public interface OutsideCounter {
        long messagesMentioning(String text) throws SQLException;
    }
}
