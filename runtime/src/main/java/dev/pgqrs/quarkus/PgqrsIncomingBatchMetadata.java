package dev.pgqrs.quarkus;

import java.util.List;

/** On a batch message ({@code Message<List<T>>}): the metadata of each message, in payload order. */
public record PgqrsIncomingBatchMetadata(List<PgqrsIncomingMetadata> messages) {

    public PgqrsIncomingBatchMetadata {
        messages = List.copyOf(messages);
    }
}
