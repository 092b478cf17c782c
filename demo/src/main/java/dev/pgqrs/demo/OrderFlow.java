package dev.pgqrs.demo;

import dev.pgqrs.DeadLetter;
import dev.pgqrs.Store;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * Orders go out to the queue {@code demo-orders}; billing turns each into an invoice on {@code demo-invoices}; the
 * ledger counts invoices. Poison orders fail billing on every delivery and end as dead letters.
 */
@ApplicationScoped
public class OrderFlow {
    static final String ORDERS = "demo-orders";

    @ConfigProperty(name = "demo.orders")
    int orders;

    @ConfigProperty(name = "demo.poison")
    int poison;

    @Inject
    Store store;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private volatile long startNanos;

    /** Every {@code orders / poison}-th order is poison, so they are spread over the run. */
    boolean isPoison(long id) {
        int count = Math.min(poison, orders);
        return count > 0 && id % (orders / count) == 0 && id / (orders / count) <= count;
    }

    @Outgoing("orders-out")
    public Multi<Message<Order>> orders() {
        return Multi.createFrom().range(1, orders + 1)
                .onSubscription().invoke(() -> startNanos = System.nanoTime())
                .map(i -> {
                    Order order = new Order(i, "widget-" + (i % 50), isPoison(i) ? 0 : 1 + i % 5, 250 + i % 100);
                    // Counted once the connector has committed it: acked means durable.
                    return Message.of(order, () -> {
                        sent.incrementAndGet();
                        return CompletableFuture.completedFuture(null);
                    });
                });
    }

    @Incoming("orders")
    @Outgoing("invoices-out")
    public Invoice bill(Order order) {
        if (order.quantity() <= 0) {
            throw new IllegalArgumentException("Order " + order.id() + " has quantity " + order.quantity());
        }
        return new Invoice(order.id(), order.quantity() * order.unitPriceCents());
    }

    /**
     * Takes invoices a claimed batch at a time: one acknowledgement settles the whole batch. (A method taking one
     * payload and returning void waits for each acknowledgement before it gets the next message.)
     */
    @Incoming("invoices")
    public void ledger(List<Invoice> invoices) {
        processed.addAndGet(invoices.size());
    }

    /** Waits until every order is either invoiced or a dead letter, then reports. */
    public Summary awaitSummary(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long dead = 0;
        while (System.nanoTime() < deadline) {
            // The channel creates the queue as it starts; until then nothing can be dead.
            dead = store.admin().findQueue(ORDERS).isPresent() ? store.admin().metrics(ORDERS).dead() : 0;
            if (sent.get() == orders && processed.get() + dead >= orders) {
                break;
            }
            Thread.sleep(20);
        }
        long elapsedNanos = System.nanoTime() - startNanos;
        List<Long> deadIds = new ArrayList<>();
        for (DeadLetter d : store.admin().deadLetters(ORDERS, Math.max(1, (int) dead))) {
            deadIds.add(orderId(d.payload()));
        }
        return new Summary(store.kind(), orders, sent.get(), processed.get(), dead, deadIds, Duration.ofNanos(elapsedNanos));
    }

    /** The id of a dead order, read from its JSON payload without a mapper. */
    private static long orderId(String json) {
        int at = json.indexOf("\"id\"");
        int start = json.indexOf(':', at) + 1;
        int end = start;
        while (end < json.length() && (Character.isDigit(json.charAt(end)) || Character.isWhitespace(json.charAt(end)))) {
            end++;
        }
        return Long.parseLong(json.substring(start, end).trim());
    }

    public List<Long> poisonIds() {
        List<Long> ids = new ArrayList<>();
        for (long i = 1; i <= orders; i++) {
            if (isPoison(i)) {
                ids.add(i);
            }
        }
        return ids;
    }
}
