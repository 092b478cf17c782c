package dev.pgqrs.it;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** {@code POST /orders}: puts the order on queue {@code orders} (channel {@code orders-out}). */
@Path("/orders")
public class OrderResource {

    @Inject
    @Channel("orders-out")
    Emitter<Order> orders;

    /** Answers 202 once the order is stored in the queue: the emitter completes after the insert commits. */
    @POST
    public CompletionStage<Response> place(Order order) {
        return orders.send(order).thenApply(done -> Response.accepted(order).build());
    }
}
