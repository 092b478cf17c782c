package dev.pgqrs.quarkus.deployment.txn;

import dev.pgqrs.quarkus.PgqrsConnector;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * A consumer that stores each order with Hibernate Reactive and returns the transaction's {@code Uni}:
 * the message is acked when it completes (after the commit) and nacked when it fails.
 */
@ApplicationScoped
public class Shipping {
    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    @Connector(PgqrsConnector.NAME)
    PgqrsConnector connector;

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, Integer> unsettledInsideTransaction = new ConcurrentHashMap<>();

    @Incoming("shipments")
    public Uni<Void> ship(Order order) {
        attempts.computeIfAbsent(order.id(), id -> new AtomicInteger()).incrementAndGet();
        return sessions.withTransaction(session -> session.persist(new ShippedOrder(order.id(), order.via()))
                // Still inside the transaction: the message must not be settled yet.
                .invoke(() -> unsettledInsideTransaction.put(order.id(), connector.inFlight("shipments"))));
    }

    public int attempts(String id) {
        AtomicInteger n = attempts.get(id);
        return n == null ? 0 : n.get();
    }

    /** The channel's claimed, unsettled messages seen inside the order's transaction, or null if it never got there. */
    public Integer unsettledInsideTransaction(String id) {
        return unsettledInsideTransaction.get(id);
    }
}
