package dev.pgqrs;

import java.util.List;

/** The outcome of {@link Consumer#ackAndReceive}: the acknowledgements, and the messages claimed after them. */
public record AckedAndReceived(BatchResult acked, List<Message> messages) {

    public AckedAndReceived {
        messages = List.copyOf(messages);
    }
}
