package dev.pgqrs.it;

import dev.pgqrs.DeadLetter;
import dev.pgqrs.Store;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;

/** {@code GET /dead-letters}: the orders billing gave up on, read with the store's admin API. */
@Path("/dead-letters")
public class DeadLetterResource {
    static final String QUEUE = "orders";
    static final int LIMIT = 100;

    @Inject
    Store store;

    /** Runs on a worker thread (a plain return type), since the admin API blocks. */
    @GET
    public List<DeadLetterView> list() {
        return store.admin().deadLetters(QUEUE, LIMIT).stream().map(DeadLetterView::of).toList();
    }

    /** What a dead letter shows over HTTP; the payload is the order's JSON as it was queued. */
    public record DeadLetterView(long id, String payload, int readCount, String reason) {
        static DeadLetterView of(DeadLetter d) {
            return new DeadLetterView(d.id(), d.payload(), d.readCount(), d.reason());
        }
    }
}
