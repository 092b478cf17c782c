package dev.pgqrs.it;

import io.quarkus.arc.InjectableInstance;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Stores each shipment request with Hibernate Reactive. The returned Uni completes after the reactive
 * transaction commits, so the message is acked only then; when the insert fails (a second shipment for
 * one order violates the primary key) the Uni fails, the message is nacked, retried, and after
 * {@code max-read-count} deliveries it becomes a dead letter.
 */
@ApplicationScoped
public class Shipping {

    /** Looked up on use: Hibernate Reactive is inactive when the application runs on SQLite or Turso. */
    @Inject
    InjectableInstance<Mutiny.SessionFactory> sessions;

    @Incoming("shipments")
    Uni<Void> ship(ShipmentRequest request) {
        return sessions.get().withTransaction(session -> session.persist(new Shipment(request.orderId(), request.carrier())));
    }
}
