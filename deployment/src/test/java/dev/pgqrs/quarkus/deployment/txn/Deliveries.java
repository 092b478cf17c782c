package dev.pgqrs.quarkus.deployment.txn;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** What the application's consumers received, from both queues. */
@ApplicationScoped
public class Deliveries {
    private final Set<String> received = ConcurrentHashMap.newKeySet();

    /** Whether an order of that id arrived through that path ("emitter" or "producer"). */
    public boolean received(String via, String id) {
        return received.contains(via + ":" + id);
    }

    @Incoming("emitted")
    void emitted(Order order) {
        received.add(order.via() + ":" + order.id());
    }

    @Incoming("produced")
    void produced(Order order) {
        received.add(order.via() + ":" + order.id());
    }
}
