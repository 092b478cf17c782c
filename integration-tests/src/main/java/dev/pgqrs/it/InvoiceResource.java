package dev.pgqrs.it;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;

/** {@code GET /invoices}: every invoice recorded so far. */
@Path("/invoices")
public class InvoiceResource {

    @Inject
    InvoiceBook book;

    @GET
    public List<Invoice> list() {
        return book.all();
    }
}
