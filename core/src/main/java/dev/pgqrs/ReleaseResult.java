package dev.pgqrs;

import java.util.Set;

/**
 * The outcome of releasing (nacking) messages: released ones will be delivered again, dead-lettered
 * ones had reached their queue's max read count, lost ones had lost their lease.
 */
public record ReleaseResult(Set<Receipt> released, Set<Receipt> deadLettered, Set<Receipt> lost) {

    public ReleaseResult {
        released = Set.copyOf(released);
        deadLettered = Set.copyOf(deadLettered);
        lost = Set.copyOf(lost);
    }
}
