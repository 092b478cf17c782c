package dev.pgqrs.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pgqrs.DeadLetter;
import dev.pgqrs.Store;
import dev.pgqrs.testing.EmbeddedPostgres17;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous acknowledgement with Hibernate Reactive (Shipping): a committed reactive transaction acks
 * the message; a failed one (a constraint violation) nacks it, it is retried and finally dead-lettered.
 */
@QuarkusTest
@TestProfile(OnPostgres.class)
class PostgresShippingTest {
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    Store store;

    static Connection database() throws SQLException {
        // postgresql://postgres@localhost:PORT/postgres, as plain JDBC, to look at the rows Shipping wrote.
        return DriverManager.getConnection("jdbc:postgresql://" + EmbeddedPostgres17.dsn().substring("postgresql://postgres@".length()),
                "postgres", "");
    }

    static long shipmentsOf(String orderId) throws SQLException {
        try (Connection c = database(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM Shipment WHERE orderId = ?")) {
            ps.setString(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void send(String orderId, String carrier) {
        store.producer("shipments").send("{\"orderId\":\"" + orderId + "\",\"carrier\":\"" + carrier + "\"}");
    }

    @Test
    void aCommittedShipmentIsAcked() throws SQLException {
        String order = "ship-" + UUID.randomUUID();
        long archivedBefore = store.admin().metrics("shipments").archived();
        send(order, "post");
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(shipmentsOf(order)).isEqualTo(1);
            assertThat(store.admin().metrics("shipments").archived()).isEqualTo(archivedBefore + 1);
        });
        assertThat(store.admin().metrics("shipments").inFlight()).isZero();
    }

    @Test
    void aShipmentThatViolatesAConstraintIsNackedRetriedAndDeadLettered() throws SQLException {
        String order = "ship-" + UUID.randomUUID();
        send(order, "post");
        await().atMost(PATIENCE).until(() -> shipmentsOf(order) == 1);
        // A second shipment for the same order violates the primary key each time it is delivered.
        send(order, "courier");
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<DeadLetter> dead = store.admin().deadLetters("shipments", 100).stream()
                    .filter(d -> d.payload().contains(order)).toList();
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat(d.payload()).contains("courier");
                assertThat(d.readCount()).isEqualTo(3);
                assertThat(d.reason()).containsIgnoringCase("duplicate key");
            });
        });
        assertThat(shipmentsOf(order)).isEqualTo(1);
    }
}
