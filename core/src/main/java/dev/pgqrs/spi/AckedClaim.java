package dev.pgqrs.spi;

import dev.pgqrs.Message;
import java.util.List;
import java.util.Set;

/** What {@link MessageStore#ackAndClaim} did: the acknowledged ids whose receipt matched, and the newly claimed messages. */
public record AckedClaim(Set<Long> acked, List<Message> claimed) {

    public AckedClaim {
        acked = Set.copyOf(acked);
        claimed = List.copyOf(claimed);
    }
}
