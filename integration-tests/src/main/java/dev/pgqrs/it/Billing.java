package dev.pgqrs.it;

import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * Turns each order from queue {@code orders} into an invoice for queue {@code invoices}. The outgoing
 * channel has its own name ({@code invoices-out}, mapped to the queue in application.properties):
 * with the same name as the {@code @Incoming("invoices")} channel SmallRye would wire the two together
 * in memory and skip the database.
 */
@ApplicationScoped
public class Billing {
    static final BigDecimal TAX_RATE = new BigDecimal("0.20");

    @Incoming("orders")
    @Outgoing("invoices-out")
    public Invoice bill(Order order) {
        if (order.amount().signum() < 0) {
            // The failure strategy retries it, then (at max-read-count) dead-letters it with this message as the reason.
            throw new IllegalArgumentException("cannot bill order " + order.id() + ": negative amount " + order.amount());
        }
        BigDecimal tax = order.amount().multiply(TAX_RATE).setScale(2, RoundingMode.HALF_UP);
        return new Invoice(order.id(), order.customer(), order.amount(), tax, order.amount().add(tax));
    }
}
