package dev.pgqrs;

import java.util.Set;

/** The outcome of a fenced operation on several receipts: which took effect, and which had lost their lease. */
public record BatchResult(Set<Receipt> done, Set<Receipt> lost) {

    public BatchResult {
        done = Set.copyOf(done);
        lost = Set.copyOf(lost);
    }

    public boolean allDone() {
        return lost.isEmpty();
    }
}
