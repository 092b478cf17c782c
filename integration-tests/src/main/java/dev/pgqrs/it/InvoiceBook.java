package dev.pgqrs.it;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps every invoice delivered from queue {@code invoices}, in memory: a duplicate delivery would show twice. */
@ApplicationScoped
public class InvoiceBook {
    private final List<Invoice> invoices = new CopyOnWriteArrayList<>();

    @Incoming("invoices")
    public void record(Invoice invoice) {
        invoices.add(invoice);
    }

    public List<Invoice> all() {
        return List.copyOf(invoices);
    }
}
